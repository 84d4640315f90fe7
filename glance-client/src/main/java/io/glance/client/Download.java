package io.glance.client;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * An image's data streamed into an OutputStream through a digest, so that the client never hands on bytes it could
 * not verify without saying so. Each API version says where the expected digest comes from.
 */
final class Download {
    private Download() {
    }

    /** The digest a download must match: {@code md5}, {@code sha512}, ...; none when the server gave nothing to check. */
    record Expected(String algorithm, String value) {
        static final Expected NONE = new Expected("", "");
    }

    /** API v2: {@code os_hash_value} with {@code os_hash_algo}, else {@code checksum}, else {@code Content-MD5}. */
    static DownloadResult run(Transport transport, Image image, String path, OutputStream out,
            ProgressListener progress) {
        Expected fromImage = Expected.NONE;
        if (image.osHashAlgo().isPresent() && image.osHashValue().isPresent()) {
            fromImage = new Expected(image.osHashAlgo().get(), image.osHashValue().get());
        } else if (image.checksum().isPresent()) {
            fromImage = new Expected("md5", image.checksum().get());
        }
        Expected known = fromImage;
        return run(transport, image.id(), path, out, progress, image.size().orElse(-1L), response -> {
            if (!known.algorithm().isEmpty()) {
                return known;
            }
            return response.header("Content-MD5").map(md5 -> new Expected("md5", md5))
                    .orElse(Expected.NONE);
        });
    }

    /**
     * Streams {@code path} into {@code out} through the digest {@code expected} picks from the answer's headers, and
     * fails with {@link ChecksumMismatchException} when the bytes do not match it.
     */
    static DownloadResult run(Transport transport, String imageId, String path, OutputStream out,
            ProgressListener progress, long knownSize, Function<DataResponse, Expected> expected) {
        DataResponse response = transport.data("GET", path, Map.of(), null);
        boolean complete = false;
        try (ReadAhead body = new ReadAhead(response.body())) {
            int status = response.status();
            if (status == 204) {
                throw new ImageHasNoDataException(imageId);
            }
            response.check("GET", path);
            Expected wanted = expected.apply(response);
            long total = response.header("Content-Length").map(Long::parseLong).orElse(knownSize);
            MessageDigest digest = wanted.algorithm().isEmpty() ? null : HashAlgorithms.digest(wanted.algorithm());
            long count = copy(body, out, digest, total, progress);
            complete = true;
            if (digest == null) {
                return new DownloadResult(imageId, count, "", "");
            }
            String actual = HashAlgorithms.hex(digest.digest());
            String wantedHex = wanted.value().strip().toLowerCase(Locale.ROOT);
            if (!actual.equals(wantedHex)) {
                throw new ChecksumMismatchException(imageId, wanted.algorithm(), wantedHex, actual);
            }
            return new DownloadResult(imageId, count, wanted.algorithm(), actual);
        } catch (IOException e) {
            throw new GlanceConnectionException("download of image " + imageId + " from "
                    + transport.endpoint() + " broke off: " + e.getMessage(), e);
        } finally {
            if (!complete) {
                response.abort();
            }
        }
    }

    /**
     * Hashes each block the reader filled, where it filled it (no copy), while {@link OverlappedWriter} writes the same
     * block into {@code out}; the block goes back to the reader once both are done.
     */
    private static long copy(ReadAhead in, OutputStream out, MessageDigest digest, long total,
            ProgressListener progress) throws IOException {
        long count = 0;
        try (OverlappedWriter writer = new OverlappedWriter(out)) {
            ReadAhead.Block block;
            while ((block = in.nextBlock()) != null) {
                int n = block.length();
                writer.start(block.data(), n);
                if (digest != null) {
                    digest.update(block.data(), 0, n);
                }
                writer.finish();
                count += n;
                progress.progress(count, total);
            }
        }
        return count;
    }
}
