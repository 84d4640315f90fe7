package io.glance.ports.out;

import io.glance.domain.Image;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The locations images record, as the orphan sweeper asks about them: which objects a store holds are still
 * someone's data, and which active images to check for data that is gone. Only a database answers it; with
 * {@code data_api: registry} there is none.
 */
public interface StoredLocations {

    /**
     * Which of {@code urls} an image that is not {@code deleted} records as a location (an image in
     * {@code pending_delete} still counts: the scrubber deletes its data). Callers pass at most a few hundred.
     */
    Set<String> referenced(Collection<String> urls);

    /** Active images with an id greater than {@code afterId} ({@code ""} for the first page), by id, with locations. */
    List<Image> activeAfter(String afterId, int limit);
}
