package io.glance.application;

import io.glance.application.ImagePolicy.ImageRule;
import io.glance.application.inspection.StreamingFormatCheck;
import io.glance.domain.ConflictException;
import io.glance.domain.GlanceException;
import io.glance.domain.GoneException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.LimitExceededException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.ServiceUnavailableException;
import io.glance.domain.upload.UploadSession;
import io.glance.ports.in.ImageImport;
import io.glance.ports.in.ImportCommand;
import io.glance.ports.in.ResumableUploads;
import io.glance.ports.out.PartialUploads;
import io.glance.ports.out.UploadSessions;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * {@link ResumableUploads}: sessions recorded in {@link UploadSessions}, their data appended to {@link PartialUploads}
 * (whose length is the offset: what is on disk is the truth, so a restart loses nothing a client was told), and on
 * the last byte the image staged by {@link ImageStaging#stageComplete} exactly as by PUT /stage, then imported with
 * glance-direct when the session asked for it.
 */
final class ResumableUploadService implements ResumableUploads {
    private static final Logger LOG = Logger.getLogger(ResumableUploadService.class.getName());

    private final UploadSessions sessions;
    private final PartialUploads parts;
    private final ImageAccess access;
    private final ImageStaging staging;
    private final ImageImport imports;
    private final UploadLimits limits;
    private final Quotas quotas;
    private final ResumableUploadSettings settings;
    /** This node's {@code worker_self_reference_url}, or null (nodes share the staging directory). */
    private final String selfUrl;
    /** What sessions opened here record as their holder: the self URL, else the worker name. */
    private final String node;
    private final Clock clock;

    ResumableUploadService(UploadSessions sessions, PartialUploads parts, ImageAccess access, ImageStaging staging,
                           ImageImport imports, UploadLimits limits, Quotas quotas, ResumableUploadSettings settings,
                           String worker, String selfUrl, Clock clock) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.parts = requireNonNull(parts, "parts is null");
        this.access = requireNonNull(access, "access is null");
        this.staging = requireNonNull(staging, "staging is null");
        this.imports = requireNonNull(imports, "imports is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.selfUrl = selfUrl;
        this.node = selfUrl != null ? selfUrl : requireNonNull(worker, "worker is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public long maxSize() {
        return limits.imageSizeCap();
    }

    @Override
    public UploadSession open(RequestContext context, ImageId image, long length, String options) {
        if (length < 0) {
            throw new InvalidInputException("Upload-Length " + length + " is negative");
        }
        Image queued = access.owned(context, image, ImageRule.UPLOAD_IMAGE);
        requireQueued(queued);
        checkLimits(context, image, length);
        UploadOptions.parse(options);
        quotas.checkStage(context);
        Instant now = clock.instant();
        UploadSession session = new UploadSession(UUID.randomUUID().toString(), image, queued.owner(), length, 0,
                options, node, now, now.plus(settings.expiration()));
        // The row first: a file without a row is an orphan the sweep may remove at any time.
        sessions.create(session);
        try {
            parts.create(session.id());
        } catch (IOException | RuntimeException e) {
            sessions.delete(session.id());
            throw new ServiceUnavailableException("Cannot start the data of an upload session for image " + image
                    + " in the staging area: " + e.getMessage(), e);
        }
        return session;
    }

    @Override
    public UploadSession status(RequestContext context, ImageId image, String session) {
        UploadSession found = usable(context, image, session);
        return found.progressed(offsetOf(found), found.expiresAt());
    }

    @Override
    public UploadSession append(RequestContext context, ImageId image, String sessionId, long offset,
                                InputStream chunk, long declaredLength, ChunkCheck check) {
        requireNonNull(chunk, "chunk is null");
        UploadSession session = usable(context, image, sessionId);
        if (offset < 0) {
            throw new InvalidInputException("Upload-Offset " + offset + " is negative");
        }
        long held = offsetOf(session);
        if (offset != held) {
            throw new ConflictException("Upload-Offset " + offset + " is not the offset of upload session "
                    + sessionId + ", which holds " + held + " bytes");
        }
        if (declaredLength > session.length() - offset) {
            throw beyondLength(session, offset, declaredLength);
        }
        checkLimits(context, image, session.length());
        quotas.checkStage(context);
        long written;
        try {
            written = parts.append(sessionId, offset, new ChunkStream(chunk, session, offset), check == null,
                    check == null ? () -> { } : check::verify);
        } catch (IOException e) {
            recordProgress(session);
            if (e instanceof ChunkStream.ClientFailure) {
                throw new InvalidInputException("Client disconnected or failed while sending data for upload session "
                        + sessionId + ": " + e.getMessage(), e);
            }
            throw new ServiceUnavailableException("Writing the data of upload session " + sessionId
                    + " to the staging area failed: " + e.getMessage(), e);
        }
        Instant expires = clock.instant().plus(settings.expiration());
        sessions.progressed(sessionId, written, expires);
        UploadSession progressed = session.progressed(written, expires);
        if (progressed.complete()) {
            complete(context, progressed);
        }
        return progressed;
    }

    @Override
    public Optional<URI> heldElsewhere(ImageId image, String session) {
        if (selfUrl == null || !isSessionId(session)) {
            return Optional.empty();
        }
        return sessions.find(session).filter(found -> found.imageId().equals(image))
                .map(UploadSession::node)
                .filter(holder -> holder.startsWith("http") && !holder.equals(selfUrl))
                .map(URI::create);
    }

    @Override
    public void terminate(RequestContext context, ImageId image, String session) {
        UploadSession found = find(context, image, session);
        remove(found);
    }

    /**
     * Removes expired sessions and their data, and data no session owns (a crash between the two).
     *
     * @return how many sessions and files were removed
     */
    int sweep() {
        int removed = 0;
        for (UploadSession expired : sessions.expired(clock.instant(), 1000)) {
            if (expired.node() == null || expired.node().equals(node) || parts.length(expired.id()).isPresent()) {
                remove(expired);
                removed++;
            }
        }
        // Files first, then rows: a session is recorded before its file exists, so every file listed here whose
        // session is live has its row in the list read after.
        var files = parts.sessions();
        var live = new java.util.HashSet<>(sessions.ids());
        for (String file : files) {
            if (!live.contains(file)) {
                parts.delete(file);
                removed++;
            }
        }
        return removed;
    }

    private void complete(RequestContext context, UploadSession session) {
        UploadOptions options = UploadOptions.parse(session.options());
        try {
            staging.stageComplete(context, session.imageId(), session.length(), new ImageStaging.ResumedData() {
                @Override
                public void inspect(StreamingFormatCheck check) throws IOException {
                    inspectHeader(session, check);
                }

                @Override
                public void publish() throws IOException {
                    parts.publish(session.id(), session.imageId());
                }
            });
        } catch (InvalidInputException | LimitExceededException | ConflictException | NotFoundException
                 | GoneException refused) {
            // The data can never be staged (wrong format, over a limit, the image moved on): the session ends.
            remove(session);
            throw refused;
        }
        sessions.delete(session.id());
        LOG.info("Upload session " + session.id() + " complete: image " + session.imageId() + " staged, "
                + session.length() + " bytes");
        if (options.importOnComplete()) {
            imports.importImage(context, session.imageId(), new ImportCommand("glance-direct", null, null, null,
                    null, options.stores(), false, true, null,
                    "{\"method\": {\"name\": \"glance-direct\"}" + (options.stores() == null ? ""
                            : ", \"stores\": " + JsonText.array(options.stores())) + "}"));
        }
    }

    /** Reads the data only until the format check has decided, and counts the rest. */
    private void inspectHeader(UploadSession session, StreamingFormatCheck check) throws IOException {
        long seen = 0;
        try (InputStream in = parts.open(session.id())) {
            byte[] buffer = new byte[64 * 1024];
            while (!check.decided()) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                check.feed(buffer, 0, read);
                seen += read;
            }
        }
        check.skip(session.length() - seen);
    }

    /** A session of this image that the caller may use and that has not expired. */
    private UploadSession usable(RequestContext context, ImageId image, String sessionId) {
        UploadSession session = find(context, image, sessionId);
        if (session.expired(clock.instant())) {
            remove(session);
            throw new GoneException("Upload session " + sessionId + " expired at " + session.expiresAt()
                    + "; its data was removed");
        }
        return session;
    }

    private UploadSession find(RequestContext context, ImageId image, String sessionId) {
        requireNonNull(context, "context is null");
        UploadSession session = (isSessionId(sessionId) ? sessions.find(sessionId) : Optional.<UploadSession>empty())
                .filter(found -> found.imageId().equals(image))
                .orElseThrow(() -> new NotFoundException("No upload session " + sessionId + " for image " + image));
        Image owned = access.owned(context, image, ImageRule.UPLOAD_IMAGE);
        if (owned.status() != ImageStatus.QUEUED) {
            remove(session);
            throw new ConflictException("Image " + image + " is " + owned.status().wireName()
                    + "; upload session " + sessionId + " ended");
        }
        return session;
    }

    private long offsetOf(UploadSession session) {
        OptionalLong length = parts.length(session.id());
        if (length.isEmpty()) {
            throw new NotFoundException("Upload session " + session.id() + " has no data on this node"
                    + (session.node() == null || session.node().equals(node) ? "" : "; it is held by " + session.node()));
        }
        return length.getAsLong();
    }

    private void checkLimits(RequestContext context, ImageId image, long length) {
        if (length > limits.imageSizeCap()) {
            throw new LimitExceededException("Upload-Length " + length + " exceeds the image_size_cap of "
                    + limits.imageSizeCap() + " bytes");
        }
        long remaining = quotas.remainingStorage(context.projectId(), image);
        if (length > remaining) {
            throw Quotas.storageExceeded(length, remaining);
        }
    }

    private static void requireQueued(Image image) {
        if (image.status() != ImageStatus.QUEUED) {
            throw new ConflictException("Image " + image.id() + " is " + image.status().wireName()
                    + "; a resumable upload needs a queued image");
        }
    }

    private void recordProgress(UploadSession session) {
        try {
            parts.length(session.id()).ifPresent(length -> sessions.progressed(session.id(), length,
                    clock.instant().plus(settings.expiration())));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Progress of upload session " + session.id() + " not recorded", e);
        }
    }

    private void remove(UploadSession session) {
        parts.delete(session.id());
        sessions.delete(session.id());
    }

    static LimitExceededException beyondLength(UploadSession session, long offset, long bytes) {
        return new LimitExceededException("A chunk of " + bytes + " bytes at offset " + offset
                + " goes beyond the Upload-Length " + session.length() + " of upload session " + session.id());
    }

    private static boolean isSessionId(String id) {
        return id != null && id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    /**
     * The client's chunk as the partial data sees it: whatever the client's stream throws becomes a
     * {@link ClientFailure} (an {@link IOException}: the bytes that arrived are kept), and bytes beyond the session's
     * length are refused with a {@link LimitExceededException} (the chunk is discarded).
     */
    private static final class ChunkStream extends InputStream {
        private final InputStream source;
        private final UploadSession session;
        private final long offset;
        private final long allowed;
        private long count;

        ChunkStream(InputStream source, UploadSession session, long offset) {
            this.source = source;
            this.session = session;
            this.offset = offset;
            this.allowed = session.length() - offset;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int read;
            try {
                // One byte more than allowed, to see a chunk that goes beyond the length.
                read = source.read(buffer, off, (int) Math.min(len, allowed - count + 1));
            } catch (IOException | RuntimeException e) {
                if (e instanceof GlanceException glance) {
                    throw glance;
                }
                throw new ClientFailure(e);
            }
            if (read > 0) {
                count += read;
                if (count > allowed) {
                    throw beyondLength(session, offset, count);
                }
            }
            return read;
        }

        static final class ClientFailure extends IOException {
            ClientFailure(Exception cause) {
                super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
            }
        }
    }
}
