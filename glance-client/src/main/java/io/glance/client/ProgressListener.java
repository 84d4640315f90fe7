package io.glance.client;

/** Told about the bytes of an upload or download as they pass; called from the transferring thread. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (bytesSoFar, totalBytes) -> { };

    /**
     * @param bytesSoFar bytes transferred so far
     * @param totalBytes the expected total, or -1 when unknown (a chunked upload of a stream)
     */
    void progress(long bytesSoFar, long totalBytes);

    /**
     * A resumable upload continues after a broken connection from {@code offset}, the bytes the server holds (the
     * progress counts from there on). Nothing by default.
     */
    default void resumed(long offset, long totalBytes) {
    }
}
