package io.glance.ports.out;

import io.glance.domain.ImageId;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * This node's copies of image data (Glance's image cache): complete copies that were verified against the image's
 * digest before they counted, copies being written, and a queue of images to fetch. The cache keeps its own records
 * (sizes, digests, hits, access times) beside the data; the use cases decide what is verified and when.
 */
public interface ImageCache {

    /**
     * Opens {@code length} bytes from {@code offset} of the complete copy of an image, counting a hit. A copy whose
     * file no longer matches what was recorded when it was verified (size, modification time, digest) is moved
     * aside as invalid and not opened.
     *
     * @param expectedSize   the image's size
     * @param expectedDigest the image's digest, {@code algo:hex} (e.g. {@code sha512:ab…})
     * @return empty when there is no valid complete copy
     */
    Optional<InputStream> open(ImageId id, long expectedSize, String expectedDigest, long offset, long length);

    /**
     * Starts writing a copy of an image, unless there is one already or one is being written.
     *
     * @return empty when the image is cached or being cached, or the cache cannot write now
     */
    Optional<Fill> startFill(ImageId id);

    /** A copy being written; exactly one of {@link #commit} or {@link #discard} ends it. */
    interface Fill {
        void write(byte[] bytes, int offset, int length) throws IOException;

        /**
         * Publishes the copy once the caller verified it: from now on {@link #open} finds it.
         *
         * @param digest the verified digest, {@code algo:hex}
         */
        void commit(long size, String digest) throws IOException;

        /** Drops the copy: kept under {@code invalid/} when it failed verification, else deleted. */
        void discard(boolean invalid);
    }

    /** Moves a complete copy aside as invalid (it failed verification while it was read). */
    void invalidate(ImageId id);

    /**
     * Drops the copy of an image (complete or being written) and its queue entry.
     *
     * @return whether there was either
     */
    boolean remove(ImageId id);

    /** The complete copies. */
    List<CachedImage> cached();

    /** Images queued for fetching, oldest first. */
    List<ImageId> queued();

    /** @return false when it was queued already */
    boolean queue(ImageId id);

    void dequeue(ImageId id);

    /** @return how many complete copies were dropped */
    int clearCached();

    /** @return how many queue entries were dropped */
    int clearQueue();

    /**
     * Deletes invalid copies, and copies being written that have not grown for {@code stallTime} (the writer stalled
     * or died).
     *
     * @return how many files were deleted
     */
    int clean(Duration stallTime);

    /**
     * A complete copy.
     *
     * @param lastAccessed when it was last read (or written)
     * @param lastModified when it was written
     */
    record CachedImage(ImageId id, long size, long hits, Instant lastAccessed, Instant lastModified) {
    }

    /** For nodes without a cache. */
    ImageCache NONE = new NoImageCache();
}
