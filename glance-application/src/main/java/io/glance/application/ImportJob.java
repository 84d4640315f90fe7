package io.glance.application;

import io.glance.domain.Authentication;
import io.glance.domain.ImageId;
import io.glance.domain.task.Task;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * What a worker needs to carry out one import task. Kept in memory only: a task interrupted by a stop is failed at
 * the next start ({@link InterruptedImportRecovery}), never resumed, so nothing here needs to survive.
 *
 * @param owner  the project whose storage quota the data counts against (the image's owner)
 * @param remote glance-download's source, or {@code null} for the other methods
 * @param callerRoles the roles of the caller who asked for the import (the import plugins' {@code ignore_user_roles})
 * @param afterRevert what a failed import does once reverted and before its task shows {@code failure} (a legacy
 *                    task deletes the image it created), or {@code null}
 */
record ImportJob(Task task, ImageId imageId, ImportMethod method, List<String> targets, boolean allStoresMustSucceed,
                 URI uri, String owner, RemoteSource remote, Set<String> callerRoles, Runnable afterRevert) {
    ImportJob {
        targets = List.copyOf(targets);
        callerRoles = Set.copyOf(callerRoles);
    }

    ImportJob(Task task, ImageId imageId, ImportMethod method, List<String> targets, boolean allStoresMustSucceed,
              URI uri, String owner, RemoteSource remote, Set<String> callerRoles) {
        this(task, imageId, method, targets, allStoresMustSucceed, uri, owner, remote, callerRoles, null);
    }

    ImportJob(Task task, ImageId imageId, ImportMethod method, List<String> targets, boolean allStoresMustSucceed,
              URI uri, String owner) {
        this(task, imageId, method, targets, allStoresMustSucceed, uri, owner, null, Set.of(), null);
    }

    /**
     * glance-download's source: the image {@code imageId} of the Glance that the caller's catalog lists in
     * {@code region} under {@code iface}, read with the caller's token.
     *
     * @param caller the caller's token and catalog, or {@code null} when it did not authenticate
     */
    record RemoteSource(String region, String imageId, String iface, Authentication caller) {
        @Override
        public String toString() {
            // Never the token.
            return "RemoteSource[region=" + region + ", image=" + imageId + ", interface=" + iface + "]";
        }
    }
}
