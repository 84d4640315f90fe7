package io.glance.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * One upload of a file through a tus 1.0.0 session of glance-api ({@code /v2/images/{id}/uploads}): {@code POST}
 * opens it with the file's length and the option to import the image (glance-direct) once the last byte is in,
 * {@code PATCH} sends the rest of the file from the server's offset, and after a broken or refused connection or a
 * 5xx answer {@code HEAD} asks for the offset the server holds and the upload continues from there, never sending
 * again what the server has. At the end it waits for the image to turn active and compares its {@code os_hash_value}
 * with the file's digest (taken from the bytes sent, plus whatever a resume skipped).
 */
final class ResumableUpload {
    static final String TUS_VERSION = "1.0.0";
    static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    private static final Set<String> SETTLED = Set.of("active");
    private static final Set<String> FAILED = Set.of("killed", "deleted", "pending_delete", "deactivated");
    private static final Duration POLL = Duration.ofMillis(250);
    /** The most a PATCH sends right after a failure, before the offset is known to be right. */
    static final long PROBE = 8L * 1024 * 1024;
    /** How long the offset must stay the same between two HEADs to be taken. */
    private static final Duration SETTLE = Duration.ofMillis(200);

    /** Waits between retries; tests pass one that does not sleep. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Transport transport;
    private final Function<String, Image> show;
    private final String imageId;
    private final Path file;
    private final ResumeSettings settings;
    private final ProgressListener progress;
    private final Sleeper sleeper;
    private final AtomicLong sent = new AtomicLong();

    ResumableUpload(Transport transport, Function<String, Image> show, String imageId, Path file,
            ResumeSettings settings, ProgressListener progress, Sleeper sleeper) {
        this.transport = transport;
        this.show = show;
        this.imageId = imageId;
        this.file = file;
        this.settings = settings;
        this.progress = progress;
        this.sleeper = sleeper;
    }

    /** Whether glance-api offers tus uploads for images: {@code OPTIONS} answered with {@code Tus-Version}. */
    static boolean offered(Transport transport, String imagePath) {
        HttpRequest request = transport.request(imagePath + "/uploads")
                .method("OPTIONS", BodyPublishers.noBody()).build();
        HttpResponse<String> response = transport.send(request, BodyHandlers.ofString());
        return response.statusCode() < 300 && response.headers().firstValue("Tus-Version")
                .map(versions -> versions.contains(TUS_VERSION)).orElse(false);
    }

    ResumableUploadResult run() {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        SequentialDigest digest = new SequentialDigest("sha512");
        String session = retrying(() -> open(size));
        long offset = 0;
        int failures = 0;
        int conflicts = 0;
        int resumes = 0;
        boolean ask = false;
        boolean probing = false;
        while (true) {
            try {
                if (ask) {
                    offset = offset(session, size);
                    ask = false;
                    resumes++;
                    progress.resumed(offset, size);
                }
                if (offset >= size) {
                    break;
                }
                // after a failure the first PATCH is a short probe: should the offset still be wrong (409 from a
                // server that asks for the body first), it wastes at most PROBE bytes, not the rest of the file
                long end = probing ? Math.min(size, offset + PROBE) : size;
                offset = patch(session, offset, end, size, digest);
                failures = 0;
                probing = false;
            } catch (ConflictException e) {
                // 409: the offset sent is not the server's (an earlier PATCH got further than its answer told)
                if (++conflicts > settings.retries()) {
                    throw e;
                }
                pause(settings.delay(conflicts)); // the server may still be writing what the broken PATCH sent
                ask = true;
                probing = true;
            } catch (GlanceClientException e) {
                if (!retryable(e)) {
                    throw e;
                }
                if (++failures > settings.retries()) {
                    throw gaveUp(e, failures - 1, offset, size);
                }
                pause(settings.delay(failures));
                ask = true;
                probing = true;
            }
        }
        progress.progress(size, size);
        Image image = awaitActive();
        return verified(image, digest, size, resumes);
    }

    /** {@code POST .../uploads}: a session for {@code size} bytes, imported (glance-direct) once complete. */
    private String open(long size) {
        String path = imagePath() + "/uploads";
        HttpRequest request = transport.request(path).header("Tus-Resumable", TUS_VERSION)
                .header("Upload-Length", Long.toString(size))
                .header("Upload-Metadata", "import " + Base64.getEncoder().encodeToString("true".getBytes(UTF_8)))
                .POST(BodyPublishers.noBody()).build();
        HttpResponse<String> response = transport.send(request, BodyHandlers.ofString());
        Transport.check("POST", path, response.statusCode(), Transport.contentType(response), response.body());
        String location = response.headers().firstValue("Location").orElseThrow(() -> new GlanceClientException(
                response.statusCode(), "", "POST " + path + " opened no upload session (no Location header)"));
        URI uri = URI.create(location);
        return uri.isAbsolute() ? uri.getRawPath() : location;
    }

    /**
     * The server's offset once it stopped moving: right after a broken PATCH the server may still be writing what
     * arrived before the break, so HEAD is asked again after a short wait until two answers agree.
     */
    private long offset(String session, long size) {
        long offset = head(session, size);
        for (int i = 0; i < settings.retries() + 1; i++) {
            pause(SETTLE);
            long again = head(session, size);
            if (again == offset) {
                return offset;
            }
            offset = again;
        }
        return offset;
    }

    /** {@code HEAD} of the session: the bytes the server holds. A session gone after the last byte is complete. */
    private long head(String session, long size) {
        HttpRequest request = transport.request(session).header("Tus-Resumable", TUS_VERSION)
                .method("HEAD", BodyPublishers.noBody()).build();
        HttpResponse<String> response = transport.send(request, BodyHandlers.ofString());
        int status = response.statusCode();
        if ((status == 404 || status == 410) && dataArrived()) {
            return size;
        }
        Transport.check("HEAD", session, status, Transport.contentType(response), response.body());
        return uploadOffset(response, "HEAD", session);
    }

    /** After a session disappeared: did the server get everything (the image left {@code queued})? */
    private boolean dataArrived() {
        String status = show.apply(imageId).status();
        return !status.equals("queued") && !FAILED.contains(status);
    }

    /** {@code PATCH} with the file from {@code offset} to {@code end}; returns the server's new offset. */
    private long patch(String session, long offset, long end, long size, SequentialDigest digest) {
        long length = end - offset;
        ChunkPublisher body = new ChunkPublisher(() -> new TappedRegion(file, offset, digest, sent), length,
                progress, offset, size);
        // Expect: 100-continue: a PATCH at an offset the server no longer has (it was still writing what a broken
        // PATCH had sent when HEAD asked) is refused with 409 before any of its body is sent, not after all of it.
        HttpRequest request = transport.request(session).header("Tus-Resumable", TUS_VERSION)
                .header("Upload-Offset", Long.toString(offset)).header("Content-Type", OFFSET_OCTET_STREAM)
                .expectContinue(true).method("PATCH", body).build();
        HttpResponse<String> response = transport.send(request, BodyHandlers.ofString());
        Transport.check("PATCH", session, response.statusCode(), Transport.contentType(response), response.body());
        return uploadOffset(response, "PATCH", session);
    }

    private static long uploadOffset(HttpResponse<?> response, String method, String path) {
        String value = response.headers().firstValue("Upload-Offset").orElseThrow(() -> new GlanceClientException(
                response.statusCode(), "", method + " " + path + " answered without Upload-Offset"));
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new GlanceClientException(response.statusCode(), "", method + " " + path
                    + " answered Upload-Offset '" + value + "', not a number");
        }
    }

    private Image awaitActive() {
        long deadline = System.nanoTime() + settings.activeTimeout().toNanos();
        int failures = 0;
        while (true) {
            Image image;
            try {
                image = show.apply(imageId);
                failures = 0;
            } catch (GlanceClientException e) {
                if (!retryable(e) || ++failures > settings.retries()) {
                    throw e;
                }
                pause(settings.delay(failures));
                continue;
            }
            if (SETTLED.contains(image.status())) {
                return image;
            }
            if (FAILED.contains(image.status()) || image.status().equals("queued")) {
                throw new GlanceClientException(0, "", "image " + imageId + " is " + image.status()
                        + " after its data was uploaded: the import failed (see its tasks: glance tasks "
                        + imageId + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new GlanceClientException(0, "", "image " + imageId + " is still " + image.status() + " "
                        + settings.activeTimeout().toSeconds() + " s after its data was uploaded");
            }
            pause(POLL);
        }
    }

    private ResumableUploadResult verified(Image image, SequentialDigest digest, long size, int resumes) {
        String algorithm = image.osHashAlgo().orElse("sha512").toLowerCase(Locale.ROOT);
        String expected = image.osHashValue().orElse("");
        String actual;
        try {
            actual = algorithm.equals("sha512") ? digest.finish(file, size) : fileDigest(algorithm);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to verify the upload", e);
        }
        if (!expected.isEmpty() && !expected.equalsIgnoreCase(actual)) {
            throw new ChecksumMismatchException(imageId, algorithm, actual, expected.toLowerCase(Locale.ROOT));
        }
        return new ResumableUploadResult(imageId, size, resumes, sent.get(), algorithm, actual);
    }

    private String fileDigest(String algorithm) throws IOException {
        SequentialDigest other = new SequentialDigest(algorithm);
        return other.finish(file, Files.size(file));
    }

    private <T> T retrying(java.util.function.Supplier<T> call) {
        int failures = 0;
        while (true) {
            try {
                return call.get();
            } catch (GlanceClientException e) {
                if (!retryable(e)) {
                    throw e;
                }
                if (++failures > settings.retries()) {
                    throw gaveUp(e, failures - 1, 0, -1);
                }
                pause(settings.delay(failures));
            }
        }
    }

    /** A dropped or refused connection, or a server error (glance-api restarting, a proxy's 502/503). */
    static boolean retryable(GlanceClientException e) {
        return e instanceof GlanceConnectionException || e instanceof ServerErrorException;
    }

    /** The last failure, of the same type (a connection failure stays one), saying where the upload stopped. */
    private GlanceClientException gaveUp(GlanceClientException last, int retries, long offset, long size) {
        String where = size < 0 ? "" : " at byte " + offset + " of " + size;
        String message = "upload of image " + imageId + " gave up" + where + " after " + retries + " retries: "
                + last.getMessage();
        if (last instanceof GlanceConnectionException && last.getCause() instanceof IOException cause) {
            return new GlanceConnectionException(message, cause);
        }
        if (last instanceof ServerErrorException) {
            return new ServerErrorException(last.status(), last.serverMessage(), message);
        }
        return new GlanceClientException(last.status(), last.serverMessage(), message, last);
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GlanceConnectionException("interrupted while waiting to resume the upload of image " + imageId,
                    new java.io.InterruptedIOException(e.getMessage()));
        }
    }

    private String imagePath() {
        return "/v2/images/" + Endpoints.segment(imageId);
    }

    /** The file from an offset on, each block also fed to the digest and counted as sent. */
    private static final class TappedRegion implements ChunkPublisher.ChunkSource, AutoCloseable {
        private final FileChannel channel;
        private final SequentialDigest digest;
        private final AtomicLong sent;
        private long position;

        TappedRegion(Path file, long position, SequentialDigest digest, AtomicLong sent) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.position = position;
            this.digest = digest;
            this.sent = sent;
        }

        @Override
        public int read(ByteBuffer into) throws IOException {
            int start = into.position();
            int n = channel.read(into, position);
            if (n > 0) {
                digest.update(position, into.array(), into.arrayOffset() + start, n);
                position += n;
                sent.addAndGet(n);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
