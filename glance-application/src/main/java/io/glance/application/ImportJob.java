package io.glance.application;

import io.glance.domain.ImageId;
import io.glance.domain.task.Task;

import java.net.URI;
import java.util.List;

/**
 * What a worker needs to carry out one import task. Kept in memory only: a task interrupted by a stop is failed at
 * the next start ({@link InterruptedImportRecovery}), never resumed, so nothing here needs to survive.
 *
 * @param owner the project whose storage quota the data counts against (the image's owner)
 */
record ImportJob(Task task, ImageId imageId, ImportMethod method, List<String> targets, boolean allStoresMustSucceed,
                 URI uri, String owner) {
    ImportJob {
        targets = List.copyOf(targets);
    }
}
