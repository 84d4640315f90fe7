package io.glance.ports.out;

import io.glance.domain.ImageId;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.OptionalLong;

/**
 * The partial data of resumable upload sessions, one file per session beside the staged data ({@code node_staging_uri}).
 * What is on disk is the truth: the length of a session's data is its offset, and every append is flushed to disk
 * before it returns.
 */
public interface PartialUploads {

    /** Starts the empty data of a new session. */
    void create(String session) throws IOException;

    /** The bytes held for the session, or empty when it has none (never created, or removed). */
    OptionalLong length(String session);

    /**
     * Appends {@code data} to the session's data, which must hold exactly {@code offset} bytes, then runs
     * {@code beforeSync} and forces the data to disk.
     * <ul>
     *     <li>{@code data} throwing an {@link IOException} (the client went away): with {@code keepOnFailure} the
     *     bytes that arrived are kept (flushed to disk), else the data is cut back to {@code offset}; it is rethrown.
     *     <li>{@code data} or {@code beforeSync} throwing a {@link RuntimeException} (over the length, a checksum
     *     that does not match): the data is cut back to {@code offset} and it is rethrown.
     * </ul>
     *
     * @return the new length
     * @throws io.glance.domain.ConflictException when the data does not hold {@code offset} bytes
     * @throws io.glance.domain.NotFoundException when the session has no data
     */
    long append(String session, long offset, InputStream data, boolean keepOnFailure, Runnable beforeSync)
            throws IOException;

    /** Reads the session's data from its start. */
    InputStream open(String session) throws IOException;

    /**
     * Publishes the complete data as the staged data of {@code image} (the staging area's file of that image) and
     * removes it from the sessions.
     *
     * @throws io.glance.domain.ConflictException when the image already has staged data
     */
    void publish(String session, ImageId image) throws IOException;

    /** Removes the session's data, if any; never throws for missing data. */
    void delete(String session);

    /** The sessions that have data here. */
    List<String> sessions();
}
