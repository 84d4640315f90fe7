package io.glance.http.v2;

import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.upload.UploadSession;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.StageHostProxy;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.http.errors.HttpStatusException;
import io.glance.ports.in.ResumableUploads;
import io.glance.ports.in.ResumableUploads.ChunkCheck;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Resumable uploads into staging with the tus 1.0.0 protocol (core, creation, creation-with-upload, termination,
 * checksum, expiration): {@code OPTIONS} tells what the server offers, {@code POST /v2/images/{id}/uploads} opens a
 * session (201 + {@code Location}), {@code HEAD} on the session tells its offset, {@code PATCH} appends at it (204 +
 * the new offset, once the chunk is on disk), {@code DELETE} ends it. Every answer carries {@code Tus-Resumable};
 * a request of another protocol version gets 412.
 */
final class ResumableUploadsService implements HttpService {
    static final String VERSION = "1.0.0";
    static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    static final String EXTENSIONS = "creation,creation-with-upload,termination,checksum,expiration";
    /** tus' status for a chunk whose {@code Upload-Checksum} does not match. */
    static final int CHECKSUM_MISMATCH = 460;
    private static final Map<String, String> ALGORITHMS = Map.of("md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256",
            "sha512", "SHA-512");
    private static final String ALGORITHM_LIST = "md5,sha1,sha256,sha512";
    private static final HeaderName TUS_RESUMABLE = HeaderNames.create("Tus-Resumable");
    private static final HeaderName TUS_VERSION = HeaderNames.create("Tus-Version");
    private static final HeaderName TUS_EXTENSION = HeaderNames.create("Tus-Extension");
    private static final HeaderName TUS_MAX_SIZE = HeaderNames.create("Tus-Max-Size");
    private static final HeaderName TUS_CHECKSUM_ALGORITHM = HeaderNames.create("Tus-Checksum-Algorithm");
    private static final HeaderName UPLOAD_OFFSET = HeaderNames.create("Upload-Offset");
    private static final HeaderName UPLOAD_LENGTH = HeaderNames.create("Upload-Length");
    private static final HeaderName UPLOAD_DEFER_LENGTH = HeaderNames.create("Upload-Defer-Length");
    private static final HeaderName UPLOAD_EXPIRES = HeaderNames.create("Upload-Expires");
    private static final HeaderName UPLOAD_METADATA = HeaderNames.create("Upload-Metadata");
    private static final HeaderName UPLOAD_CHECKSUM = HeaderNames.create("Upload-Checksum");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** A chunk forwarded to the node holding the session may take long to send; the wait is for its answer. */
    private static final Duration FORWARD_TIMEOUT = Duration.ofHours(1);

    private final ResumableUploads uploads;
    private final StageHostProxy stageHosts;

    ResumableUploadsService(ResumableUploads uploads, StageHostProxy stageHosts) {
        this.uploads = requireNonNull(uploads, "uploads is null");
        this.stageHosts = requireNonNull(stageHosts, "stageHosts is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.options("/{id}/uploads", this::options)
                .post("/{id}/uploads", this::create)
                .any("/{id}/uploads", MethodNotAllowed.allowing("OPTIONS, POST"))
                .options("/{id}/uploads/{session}", this::options)
                .head("/{id}/uploads/{session}", this::head)
                .patch("/{id}/uploads/{session}", this::patch)
                .delete("/{id}/uploads/{session}", this::terminate)
                .any("/{id}/uploads/{session}", MethodNotAllowed.allowing("OPTIONS, HEAD, PATCH, DELETE"));
    }

    private void options(ServerRequest req, ServerResponse res) {
        res.header(TUS_RESUMABLE, VERSION);
        PathParameters.imageId(req);
        if (!uploads.enabled()) {
            throw new NotFoundException("Resumable uploads are not available at this site: they need the"
                    + " glance-direct import method and data_api: database");
        }
        res.header(TUS_VERSION, VERSION);
        res.header(TUS_EXTENSION, EXTENSIONS);
        res.header(TUS_MAX_SIZE, Long.toString(uploads.maxSize()));
        res.header(TUS_CHECKSUM_ALGORITHM, ALGORITHM_LIST);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void create(ServerRequest req, ServerResponse res) {
        requireVersion(req, res);
        ImageId id = PathParameters.imageId(req);
        if (req.headers().contains(UPLOAD_DEFER_LENGTH)) {
            throw new InvalidInputException("Upload-Defer-Length is not supported: send Upload-Length");
        }
        String rawLength = req.headers().first(UPLOAD_LENGTH).orElseThrow(() -> new InvalidInputException(
                "Upload-Length is required to open an upload session"));
        long length = number(UPLOAD_LENGTH, rawLength);
        boolean withData = RequestBodies.announced(req);
        if (withData) {
            requireOffsetOctetStream(req);
        }
        UploadSession session = uploads.open(RequestContexts.of(req), id,
                length, req.headers().first(UPLOAD_METADATA).orElse(null));
        if (withData) {
            session = append(req, id, session.id(), 0);
            res.header(UPLOAD_OFFSET, Long.toString(session.offset()));
        }
        res.header(HeaderNames.LOCATION, "/v2/images/" + id + "/uploads/" + session.id());
        res.header(UPLOAD_EXPIRES, HTTP_DATE.format(session.expiresAt()));
        res.status(Status.CREATED_201).send();
    }

    private void head(ServerRequest req, ServerResponse res) {
        requireVersion(req, res);
        if (forwarded(req, res)) {
            return;
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        UploadSession session = uploads.status(RequestContexts.of(req), PathParameters.imageId(req),
                PathParameters.get(req, "session"));
        res.header(UPLOAD_OFFSET, Long.toString(session.offset()));
        res.header(UPLOAD_LENGTH, Long.toString(session.length()));
        res.header(UPLOAD_EXPIRES, HTTP_DATE.format(session.expiresAt()));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.status(Status.OK_200).send();
    }

    private void patch(ServerRequest req, ServerResponse res) {
        requireVersion(req, res);
        if (forwarded(req, res)) {
            return;
        }
        ImageId id = PathParameters.imageId(req);
        requireOffsetOctetStream(req);
        String rawOffset = req.headers().first(UPLOAD_OFFSET).orElseThrow(() -> new InvalidInputException(
                "Upload-Offset is required with PATCH"));
        UploadSession session = append(req, id, PathParameters.get(req, "session"), number(UPLOAD_OFFSET, rawOffset));
        res.header(UPLOAD_OFFSET, Long.toString(session.offset()));
        res.header(UPLOAD_EXPIRES, HTTP_DATE.format(session.expiresAt()));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void terminate(ServerRequest req, ServerResponse res) {
        requireVersion(req, res);
        if (forwarded(req, res)) {
            return;
        }
        RequestBodies.requireNone(req);
        uploads.terminate(RequestContexts.of(req), PathParameters.imageId(req), PathParameters.get(req, "session"));
        res.status(Status.NO_CONTENT_204).send();
    }

    /**
     * Multi-node: a request for a session whose partial data is on another node is replayed there (with its body, as
     * it arrives) through the same {@link StageHostProxy} as glance-direct's import, and that node's answer relayed.
     */
    private boolean forwarded(ServerRequest req, ServerResponse res) {
        if (req.headers().contains(StageHostProxy.FORWARDED)) {
            return false;
        }
        Optional<URI> holder = uploads.heldElsewhere(PathParameters.imageId(req), PathParameters.get(req, "session"));
        if (holder.isEmpty()) {
            return false;
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (RequestBodies.announced(req)) {
            HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> req.content()
                    .inputStream());
            OptionalLong length = req.headers().contentLength();
            body = length.isPresent() ? HttpRequest.BodyPublishers.fromPublisher(stream, length.getAsLong())
                    : stream;
        }
        stageHosts.relay(stageHosts.forward(req, res, holder.get(), body, FORWARD_TIMEOUT), res);
        return true;
    }

    private UploadSession append(ServerRequest req, ImageId id, String session, long offset) {
        long declared = req.headers().contentLength().orElse(-1);
        InputStream body = RequestBodies.announced(req) ? req.content().inputStream() : InputStream.nullInputStream();
        Optional<String> checksum = req.headers().first(UPLOAD_CHECKSUM);
        ChunkCheck check = null;
        if (checksum.isPresent()) {
            ChecksummedChunk checked = ChecksummedChunk.of(checksum.get(), body);
            body = checked;
            check = checked::verify;
        }
        return uploads.append(RequestContexts.of(req), id, session, offset, body, declared, check);
    }

    /** Sets {@code Tus-Resumable} on the answer (errors included) and refuses another version with 412. */
    private static void requireVersion(ServerRequest req, ServerResponse res) {
        res.header(TUS_RESUMABLE, VERSION);
        String given = req.headers().first(TUS_RESUMABLE).orElse(null);
        if (!VERSION.equals(given)) {
            throw new HttpStatusException(412, "Tus-Resumable " + (given == null ? "is missing" : "'" + given
                    + "' is not supported") + "; this server speaks tus " + VERSION, Map.of("Tus-Version", VERSION));
        }
    }

    private static void requireOffsetOctetStream(ServerRequest req) {
        String given = req.headers().contentType().map(HttpMediaType::mediaType).map(type -> type.text())
                .orElse(null);
        if (!OFFSET_OCTET_STREAM.equalsIgnoreCase(given)) {
            throw new HttpStatusException(415, "Invalid content type " + given + " (upload data must be sent as "
                    + OFFSET_OCTET_STREAM + ")");
        }
    }

    private static long number(HeaderName header, String raw) {
        try {
            long value = Long.parseLong(raw.strip());
            if (value < 0) {
                throw new InvalidInputException(header.defaultCase() + " " + raw + " is negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(header.defaultCase() + " '" + raw + "' is not a number of bytes");
        }
    }

    /**
     * The chunk digested as it is read, for {@code Upload-Checksum: <algorithm> <base64 digest>}; {@link #verify}
     * refuses it with 460 when the digest differs (the chunk is then discarded).
     */
    private static final class ChecksummedChunk extends FilterInputStream {
        private final MessageDigest digest;
        private final byte[] expected;
        private final String header;

        private ChecksummedChunk(InputStream in, MessageDigest digest, byte[] expected, String header) {
            super(in);
            this.digest = digest;
            this.expected = expected;
            this.header = header;
        }

        static ChecksummedChunk of(String header, InputStream body) {
            String[] parts = header.strip().split(" +");
            if (parts.length != 2) {
                throw new InvalidInputException("Upload-Checksum '" + header + "' is not '<algorithm> <base64>'");
            }
            String algorithm = ALGORITHMS.get(parts[0].toLowerCase(Locale.ROOT));
            if (algorithm == null) {
                throw new InvalidInputException("Upload-Checksum algorithm '" + parts[0] + "' is not supported ("
                        + ALGORITHM_LIST + ")");
            }
            byte[] expected;
            try {
                expected = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("Upload-Checksum value '" + parts[1] + "' is not Base64");
            }
            try {
                return new ChecksummedChunk(body, MessageDigest.getInstance(algorithm), expected, header);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks " + algorithm, e);
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int read = super.read(buffer, off, len);
            if (read > 0) {
                digest.update(buffer, off, read);
            }
            return read;
        }

        void verify() {
            byte[] actual = digest.digest();
            if (!MessageDigest.isEqual(actual, expected)) {
                throw new HttpStatusException(CHECKSUM_MISMATCH, "Upload-Checksum '" + header + "' does not match"
                        + " the chunk (" + Base64.getEncoder().encodeToString(actual) + "); the chunk was discarded");
            }
        }
    }
}
