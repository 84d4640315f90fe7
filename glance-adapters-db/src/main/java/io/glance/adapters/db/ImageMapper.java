package io.glance.adapters.db;

import org.apache.ibatis.annotations.Param;

import java.util.List;

/** Statements on {@code images}; the SQL is in {@code ImageMapper.xml} next to this interface's resource path. */
interface ImageMapper {

    void insert(ImageRow row);

    /** The image unless soft-deleted, or {@code null}. */
    ImageRow selectLive(@Param("id") String id);

    /** The image unless soft-deleted, locked until the transaction ends, or {@code null}. */
    ImageRow selectLiveForUpdate(@Param("id") String id);

    /** The image even when soft-deleted, or {@code null}. */
    ImageRow selectAny(@Param("id") String id);

    java.util.List<ImageRow> selectPendingDelete(@Param("before") java.time.Instant before, @Param("limit") int limit);

    int finishPendingDelete(@Param("id") String id, @Param("updatedAt") java.time.Instant updatedAt);

    /** Of {@code urls}, those recorded as a location of an image that is not {@code deleted}. */
    List<String> selectReferencedUrls(@Param("urls") List<String> urls);

    /** Active images with an id after {@code after}, by id. */
    List<ImageRow> selectActiveAfter(@Param("after") String after, @Param("limit") int limit);

    int restorePendingDelete(@Param("id") String id, @Param("updatedAt") java.time.Instant updatedAt);

    /**
     * Replaces every column but {@code id} and {@code created_at} when the stored row is live and still has
     * {@code expectedStatus}.
     *
     * @return the number of rows changed: 1, or 0 when the condition failed
     */
    int updateIfStatus(@Param("row") ImageRow row, @Param("expectedStatus") String expectedStatus);

    /**
     * Sum of size times number of locations over the owner's live images with a size that are not killed, without
     * {@code excluding} ({@code null} excludes nothing); a {@code null} owner means images without one.
     */
    long sumStorage(@Param("owner") String owner, @Param("excluding") String excluding);

    /** The owner's live images counted by status, with the sum of their sizes. */
    List<StatusCountRow> tallyByStatus(@Param("owner") String owner);
}
