package io.glance.application;

import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.task.Task;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.StagingArea;
import io.glance.ports.out.TaskRepository;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * At start: the import tasks this process (its worker name) left {@code pending} or {@code processing} when it was
 * stopped, even by kill -9, are failed and their images returned ({@code queued}, stores listed as failed, lock
 * dropped), their staged data removed; then staged data no import will use is removed. An import is never
 * resumed: the client sees the failure and imports again.
 */
final class InterruptedImportRecovery {
    private static final Logger LOG = Logger.getLogger(InterruptedImportRecovery.class.getName());

    private final TaskRepository tasks;
    private final ImageRepository images;
    private final StagingArea staging;
    private final ImportFlow flow;
    private final String worker;
    private final LegacyImportTasks legacy;

    InterruptedImportRecovery(TaskRepository tasks, ImageRepository images, StagingArea staging, ImportFlow flow,
                              String worker, LegacyImportTasks legacy) {
        this.legacy = requireNonNull(legacy, "legacy is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.images = requireNonNull(images, "images is null");
        this.staging = requireNonNull(staging, "staging is null");
        this.flow = requireNonNull(flow, "flow is null");
        this.worker = requireNonNull(worker, "worker is null");
    }

    /** @return how many tasks were failed */
    int run() {
        List<Task> interrupted = tasks.listUnfinished(worker);
        int failed = 0;
        for (Task task : interrupted) {
            try {
                flow.abandon(task, "Import was interrupted by a stop of glance-api (" + worker + ")");
                legacy.abandoned(task);
                failed++;
                LOG.warning("Import task " + task.id() + " of image " + task.imageId() + " was interrupted by the"
                        + " last stop: failed, image returned");
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Interrupted import task " + task.id() + " could not be failed", e);
            }
        }
        sweepStaging();
        return failed;
    }

    /**
     * Staged data nobody will import: its image is gone, or neither {@code uploading} nor locked by an import (a crash
     * between the store write and the removal of the staged file, or an image deleted while this node was down).
     */
    private void sweepStaging() {
        for (ImageId id : staging.staged()) {
            try {
                // Kept while staged for glance-direct, or while an import holds the image's lock: with a staging
                // directory shared by several nodes, that import may run on another node.
                boolean waiting = images.findById(id).map(image -> image.status() == ImageStatus.UPLOADING
                        || ImportProperties.lockHolder(image) != null).orElse(false);
                if (!waiting) {
                    staging.delete(id);
                    LOG.info("Removed staged data of image " + id + " that no import will use");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Staged data of image " + id + " was not checked", e);
            }
        }
    }
}
