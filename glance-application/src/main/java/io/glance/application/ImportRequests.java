package io.glance.application;

import io.glance.application.ImagePolicy.ImageRule;
import io.glance.domain.ConflictException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.RequestContext;
import io.glance.domain.task.Task;
import io.glance.ports.in.ImportCommand;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.StoreRegistry;
import io.glance.ports.out.TaskRepository;
import io.glance.ports.out.WebDownloads;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * POST /v2/images/{id}/import up to the point where the work is handed over (spec §3): the checks in Glance's order
 * (the order decides which error a bad request gets), the task row, the image's import lock taken atomically together
 * with the status change to {@code importing} and the store lists, and the task queued for the workers.
 */
final class ImportRequests {
    private final ImageRepository repository;
    private final TaskRepository tasks;
    private final StoreRegistry stores;
    private final ImageAccess access;
    private final ImportSettings settings;
    private final ImportLocks locks;
    private final WebDownloads webDownloads;
    private final Clock clock;
    private final String worker;

    private final Quotas quotas;

    ImportRequests(ImageRepository repository, TaskRepository tasks, StoreRegistry stores, ImageAccess access,
                   ImportSettings settings, ImportLocks locks, WebDownloads webDownloads, Clock clock, String worker,
                   Quotas quotas) {
        this.repository = requireNonNull(repository, "repository is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.access = requireNonNull(access, "access is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.locks = requireNonNull(locks, "locks is null");
        this.webDownloads = requireNonNull(webDownloads, "webDownloads is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.worker = requireNonNull(worker, "worker is null");
    }

    /** @param start hands the created task to the workers */
    Optional<Task> importImage(RequestContext context, ImageId id, ImportCommand command,
                               Consumer<ImportJob> start) {
        // 1. The method (the body's shape was checked by the HTTP adapter).
        if (!settings.enabled(command.method())) {
            throw new InvalidInputException("Unknown import method name '" + command.method() + "'.");
        }
        ImportMethod method = ImportMethod.fromWire(command.method());
        // 2. Keystone's unified limits: the project must not already be over image_size_total.
        quotas.checkUpload(context);
        // 3. The image.
        Image image = access.visible(context, id);
        // 4. Its state.
        checkState(image, method);
        // 5. glance-download's source.
        ImportJob.RemoteSource remote = method == ImportMethod.GLANCE_DOWNLOAD ? remoteSource(context, command) : null;
        // 6. The policy: copy_image, else modify_image with Glance's ownership check.
        if (method == ImportMethod.COPY_IMAGE) {
            access.allowed(context, id, ImageRule.COPY_IMAGE);
        } else {
            image = access.owned(context, id, ImageRule.MODIFY_IMAGE);
        }
        // 7. The import lock.
        locks.checkFree(image);
        // 8. and 9. The stores.
        List<String> targets = targetStores(command, image, method);
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        // 10.
        if (!stores.multiStore() && !command.allStoresMustSucceed()) {
            throw new InvalidInputException("all_stores_must_succeed is only supported with multiple stores"
                    + " (enabled_backends)");
        }
        // 12. web-download's URI passes the filter before anything is created.
        URI uri = null;
        if (method == ImportMethod.WEB_DOWNLOAD) {
            if (command.uri() == null || command.uri().isBlank()) {
                throw new InvalidInputException("Import method web-download requires a 'uri' field.");
            }
            try {
                uri = new URI(command.uri());
            } catch (java.net.URISyntaxException e) {
                throw new InvalidInputException("URI for web-download does not pass filtering: " + command.uri());
            }
            webDownloads.check(uri);
        }
        // 13. The task, then the lock taken with the status change, then the workers.
        Task task = Task.pending(UUID.randomUUID().toString(), Task.API_IMAGE_IMPORT, context.projectId(),
                id.value(), context.requestId(), context.userId().orElse(null), input(id, command, targets), worker,
                Timestamps.now(clock));
        tasks.create(task);
        try {
            locks.lock(id, task, image.status(), method == ImportMethod.COPY_IMAGE, targets);
        } catch (RuntimeException e) {
            locks.failTask(task, "Image " + id + " could not be locked for import: " + e.getMessage());
            throw e;
        }
        start.accept(new ImportJob(task, id, method, targets, command.allStoresMustSucceed(), uri, image.owner(),
                remote, context.roles()));
        return Optional.of(task);
    }

    private static void checkState(Image image, ImportMethod method) {
        ImageStatus status = image.status();
        if (status == ImageStatus.ACTIVE && method != ImportMethod.COPY_IMAGE) {
            throw new ConflictException("Image with status active cannot be target for import");
        }
        switch (method) {
            case COPY_IMAGE -> {
                if (status != ImageStatus.ACTIVE) {
                    throw new ConflictException("Image needs to be in 'active' state to use 'copy-image' method"
                            + " (image " + image.id() + " is " + status.wireName() + ")");
                }
            }
            case WEB_DOWNLOAD, GLANCE_DOWNLOAD -> {
                if (status != ImageStatus.QUEUED) {
                    throw new ConflictException("Image needs to be in 'queued' state to use '" + method.wireName
                            + "' method (image " + image.id() + " is " + status.wireName() + ")");
                }
            }
            case GLANCE_DIRECT -> {
                if (status != ImageStatus.UPLOADING) {
                    throw new ConflictException("Image needs to be staged before 'glance-direct' method can be used"
                            + " (image " + image.id() + " is " + status.wireName() + ")");
                }
            }
        }
        if (image.containerFormat() == null) {
            throw new ConflictException("'container_format' needs to be set before import (image " + image.id() + ")");
        }
        if (image.diskFormat() == null) {
            throw new ConflictException("'disk_format' needs to be set before import (image " + image.id() + ")");
        }
    }

    /** Spec §3 step 5: glance_region and glance_image_id (a UUID) required, the interface public by default. */
    private static ImportJob.RemoteSource remoteSource(RequestContext context, ImportCommand command) {
        if (command.glanceRegion() == null || command.glanceRegion().isBlank()) {
            throw new InvalidInputException("Import method glance-download requires a 'glance_region' field.");
        }
        if (command.glanceImageId() == null || command.glanceImageId().isBlank()) {
            throw new InvalidInputException("Import method glance-download requires a 'glance_image_id' field.");
        }
        try {
            if (command.glanceImageId().length() != 36) {
                throw new IllegalArgumentException("not 36 characters");
            }
            UUID.fromString(command.glanceImageId());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Remote image id does not look like a UUID: " + command.glanceImageId());
        }
        String iface = command.glanceServiceInterface() == null || command.glanceServiceInterface().isBlank()
                ? "public" : command.glanceServiceInterface();
        return new ImportJob.RemoteSource(command.glanceRegion(), command.glanceImageId(), iface,
                context.authentication());
    }

    /** Spec §3 steps 8 and 9: the stores to write, in order. */
    private List<String> targetStores(ImportCommand command, Image image, ImportMethod method) {
        if (!stores.multiStore()) {
            return List.of(stores.defaultStore().id());
        }
        if (command.allStores() && (command.stores() != null || command.headerStore() != null)) {
            throw new InvalidInputException("All_stores parameter can't be used with x-image-meta-store header or"
                    + " stores parameter");
        }
        if (command.stores() != null && command.headerStore() != null) {
            throw new InvalidInputException("Stores parameter and x-image-meta-store header can't be both"
                    + " specified");
        }
        Set<String> targets = new LinkedHashSet<>();
        if (command.allStores()) {
            for (ConfiguredStore store : stores.stores()) {
                if (!store.readOnly() && !store.id().startsWith(AttributeRules.RESERVED_NAMESPACE)) {
                    targets.add(store.id());
                }
            }
        } else if (command.stores() != null) {
            targets.addAll(command.stores());
        } else if (command.headerStore() != null) {
            targets.add(command.headerStore());
        } else {
            targets.add(stores.defaultStore().id());
        }
        for (String target : targets) {
            ConfiguredStore store = known(target);
            if (store.readOnly()) {
                throw new ConflictException("Store " + target + " is read-only and cannot be a target for import");
            }
        }
        if (method == ImportMethod.COPY_IMAGE) {
            Set<String> present = new LinkedHashSet<>();
            for (ImageLocation location : image.locations()) {
                String store = location.metadata().get("store");
                if (store != null) {
                    present.add(store);
                }
            }
            if (command.allStores()) {
                targets.removeAll(present);
            } else {
                for (String target : targets) {
                    if (present.contains(target)) {
                        throw new InvalidInputException("Image is already present at store '" + target + "'");
                    }
                }
            }
        }
        return new ArrayList<>(targets);
    }

    /** An unknown store is a 409 in Glance (its UnknownScheme is mapped to Conflict). */
    private ConfiguredStore known(String storeId) {
        try {
            return stores.store(storeId);
        } catch (InvalidInputException e) {
            throw new ConflictException("Unknown store '" + storeId + "' (no such store in enabled_backends)", e);
        }
    }

    private static String input(ImageId id, ImportCommand command, List<String> targets) {
        return "{\"image_id\": " + JsonText.quote(id.value()) + ", \"import_req\": " + command.requestJson()
                + ", \"backend\": " + JsonText.array(targets) + "}";
    }
}
