package io.glance.ports.in;

import io.glance.domain.ImageId;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.upload.UploadSession;

import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * Resumable uploads into staging (tus 1.0.0 on {@code /v2/images/{id}/uploads}): a session is opened with the data's
 * length for a queued image, data is appended at the offset the server holds, and when the last byte arrives the
 * image is staged exactly as by PUT /stage (and, when the session asked for it, imported with glance-direct).
 */
public interface ResumableUploads {

    /** Whether sessions can be opened at all (glance-direct enabled, a database to record them). */
    boolean enabled();

    /** The largest length a session may declare ({@code image_size_cap}). */
    long maxSize();

    /**
     * Opens a session for a queued image the caller may upload to.
     *
     * @param options the {@code Upload-Metadata} header, or {@code null}
     * @throws io.glance.domain.ConflictException      when the image is not queued, naming its status
     * @throws io.glance.domain.LimitExceededException when {@code length} exceeds {@code image_size_cap} or the quota
     * @throws io.glance.domain.InvalidInputException  for a negative length or options that cannot be read
     */
    UploadSession open(RequestContext context, ImageId image, long length, String options);

    /** The session as it is now, its offset read from the data on disk. */
    UploadSession status(RequestContext context, ImageId image, String session);

    /**
     * Appends a chunk at {@code offset}; the answer comes once the data is on disk. When the session is then complete
     * the image is staged.
     *
     * @param declaredLength the chunk's Content-Length, or -1 when unknown
     * @param check          verifies the whole chunk before it is kept ({@code Upload-Checksum}), or {@code null};
     *                       with a check, a chunk cut short is discarded
     * @throws io.glance.domain.ConflictException      when {@code offset} is not the server's
     * @throws io.glance.domain.LimitExceededException when the chunk goes beyond the session's length
     */
    UploadSession append(RequestContext context, ImageId image, String session, long offset, InputStream chunk,
                         long declaredLength, ChunkCheck check);

    /** Ends a session and removes its data (tus termination). */
    void terminate(RequestContext context, ImageId image, String session);

    /**
     * Multi-node ({@code worker_self_reference_url}): the base URL of the node holding the session's partial data
     * when it is another node, so that HEAD, PATCH and DELETE are forwarded there; empty when this node serves it
     * (or nodes share the staging directory, or the session does not exist: this node then answers).
     */
    Optional<URI> heldElsewhere(ImageId image, String session);

    /** Verifies a chunk once all of it was read; throwing discards it. */
    @FunctionalInterface
    interface ChunkCheck {
        void verify();
    }

    /** Without glance-direct (or without a database): every route answers 404. */
    ResumableUploads DISABLED = new ResumableUploads() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public long maxSize() {
            return 0;
        }

        @Override
        public UploadSession open(RequestContext context, ImageId image, long length, String options) {
            throw disabled();
        }

        @Override
        public UploadSession status(RequestContext context, ImageId image, String session) {
            throw disabled();
        }

        @Override
        public UploadSession append(RequestContext context, ImageId image, String session, long offset,
                                    InputStream chunk, long declaredLength, ChunkCheck check) {
            throw disabled();
        }

        @Override
        public void terminate(RequestContext context, ImageId image, String session) {
            throw disabled();
        }

        @Override
        public Optional<URI> heldElsewhere(ImageId image, String session) {
            return Optional.empty();
        }

        private NotFoundException disabled() {
            return new NotFoundException("Resumable uploads are not available at this site: they need the"
                    + " glance-direct import method and data_api: database");
        }
    };
}
