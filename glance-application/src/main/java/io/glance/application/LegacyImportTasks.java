package io.glance.application;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.task.Task;
import io.glance.domain.task.TaskStatus;
import io.glance.ports.in.CreateImageCommand;
import io.glance.ports.in.LegacyImportCommand;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.StoreRegistry;
import io.glance.ports.out.TaskRepository;
import io.glance.ports.out.WebDownloads;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * The legacy {@code import} task of {@code POST /v2/tasks} (Glance's {@code base_import} flow, spec §9.1): checked and
 * recorded {@code pending} at once; then, on an import worker, the image is created from {@code image_properties}
 * (owned by the caller's project), locked like any import and filled by the same {@link ImportFlow} as web-download
 * (filter on every hop, {@code image_size_cap}, quotas, format check, md5 and sha512). The flow ends the task
 * {@code success} with {@code result: {"image_id": ...}}. Any failure ends it {@code failure} naming the cause, and the
 * image this task created is deleted, as Glance's {@code _CreateImage.revert} does: nothing is left behind.
 * <p>
 * The image id is chosen when the task is created and recorded as the task's {@code image_id}, so that a task
 * interrupted by a stop still leads to its image ({@link #abandoned}).
 */
final class LegacyImportTasks {
    private static final Logger LOG = Logger.getLogger(LegacyImportTasks.class.getName());
    /** The task type of Glance's legacy tasks API. */
    static final String TYPE = "import";

    private final ImageCatalogService catalog;
    private final ImageRepository repository;
    private final TaskRepository tasks;
    private final StoreRegistry stores;
    private final ImageAccess access;
    private final ImportLocks locks;
    private final ImportFlow flow;
    private final WebDownloads webDownloads;
    private final StoredData storedData;
    private final Clock clock;
    private final String worker;

    LegacyImportTasks(ImageCatalogService catalog, ImageRepository repository, TaskRepository tasks,
                      StoreRegistry stores, ImageAccess access, ImportLocks locks, ImportFlow flow,
                      WebDownloads webDownloads, StoredData storedData, Clock clock, String worker) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.access = requireNonNull(access, "access is null");
        this.locks = requireNonNull(locks, "locks is null");
        this.flow = requireNonNull(flow, "flow is null");
        this.webDownloads = requireNonNull(webDownloads, "webDownloads is null");
        this.storedData = requireNonNull(storedData, "storedData is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.worker = requireNonNull(worker, "worker is null");
    }

    /**
     * Checks the caller and the URL, records the task {@code pending} and hands its work to {@code start}.
     *
     * @param start runs the given work on an import worker
     */
    Task create(RequestContext context, LegacyImportCommand command, Consumer<Runnable> start) {
        access.policy().checkRule(context, "tasks_api_access", "create tasks");
        access.policy().checkRule(context, "add_task", "create tasks");
        URI uri = checkedUri(command.importFrom());
        ImageId imageId = command.image().id() != null ? command.image().id() : ImageId.random();
        if (repository.findById(imageId).isPresent()) {
            throw new InvalidInputException("image_properties: an image with id " + imageId + " exists already");
        }
        CreateImageCommand image = withId(command.image(), imageId);
        Task task = Task.pending(UUID.randomUUID().toString(), TYPE, context.projectId(), imageId.value(),
                context.requestId(), context.userId().orElse(null), command.inputJson(), worker,
                Timestamps.now(clock));
        tasks.create(task);
        try {
            start.accept(() -> run(context, task, image, uri));
        } catch (RuntimeException notStarted) {
            locks.failTask(task, "The task was not started: " + describe(notStarted));
            throw notStarted;
        }
        return task;
    }

    /**
     * Glance's {@code validate_legacy_import_from_uri}: http or https only (a file URL is refused by name), then the
     * operator's {@code import_filtering_opts} and the address checks of web-download.
     */
    private URI checkedUri(String importFrom) {
        String lower = importFrom.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:") || lower.startsWith("filesystem:")) {
            throw new InvalidInputException("File based imports are not allowed. Please use a non-local source of"
                    + " image data: " + importFrom);
        }
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new InvalidInputException("The given uri is not valid: " + importFrom + ". Please specify a valid"
                    + " uri from the following list of supported uri ['http', 'https']");
        }
        URI uri;
        try {
            uri = new URI(importFrom);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("URI for legacy import task does not pass filtering: " + importFrom);
        }
        try {
            webDownloads.check(uri);
        } catch (InvalidInputException refused) {
            // Glance's wording for this API, with the filter's reason (which names the host or address) after it.
            throw new InvalidInputException("URI for legacy import task does not pass filtering: " + importFrom
                    + " (" + refused.getMessage() + ")", refused);
        }
        return uri;
    }

    private static CreateImageCommand withId(CreateImageCommand image, ImageId id) {
        return new CreateImageCommand(id, image.name(), image.visibility(), image.isProtected(), image.osHidden(),
                image.minDisk(), image.minRam(), image.diskFormat(), image.containerFormat(), image.owner(),
                image.ownerGiven(), image.tags(), image.properties());
    }

    /** On an import worker: create, lock, fetch; on any failure the task fails and the image goes. */
    private void run(RequestContext context, Task task, CreateImageCommand command, URI uri) {
        ImageId id = command.id();
        Image image;
        try {
            image = catalog.create(context, command);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "Legacy import task " + task.id() + ": image not created", e);
            locks.failTask(task, "The image could not be created from image_properties: " + describe(e));
            return;
        }
        List<String> targets = List.of(stores.defaultStore().id());
        try {
            locks.lock(id, task, ImageStatus.QUEUED, false, targets);
        } catch (RuntimeException e) {
            deleteImage(id);
            locks.failTask(task, "Image " + id + " could not be locked for import: " + describe(e));
            return;
        }
        try {
            // The image goes before the task shows failure, so a client that sees the failure finds no image.
            flow.run(new ImportJob(task, id, ImportMethod.WEB_DOWNLOAD, targets, true, uri, image.owner(), null,
                    context.roles(), () -> deleteImage(id)));
        } finally {
            Task ended = tasks.findById(task.id()).orElse(null);
            if (ended == null || ended.status() != TaskStatus.SUCCESS) {
                deleteImage(id);
                if (ended != null && !ended.status().finished()) {
                    locks.failTask(ended, "The import ended without a result");
                }
            } else {
                removeEmptyImportLists(id);
            }
        }
    }

    /**
     * A legacy task a stop interrupted: {@link ImportFlow#abandon} has returned its image; as the task failed, the
     * image it created goes too.
     */
    void abandoned(Task task) {
        if (TYPE.equals(task.type()) && task.imageId() != null) {
            deleteImage(new ImageId(task.imageId()));
        }
    }

    /** The image this task created, and any data still recorded on it, removed (Glance's _CreateImage.revert). */
    private void deleteImage(ImageId id) {
        try {
            Image[] before = {null};
            Image deleted = OptimisticUpdate.apply(repository, () -> repository.findById(id)
                    .orElseThrow(() -> ImageAccess.notFound(id)), image -> {
                before[0] = image;
                if (image.status() == ImageStatus.DELETED || !image.status().canMoveTo(ImageStatus.DELETED)) {
                    return image;
                }
                return image.markDeleted(Timestamps.now(clock));
            });
            if (deleted.status() == ImageStatus.DELETED && before[0] != null
                    && before[0].status() != ImageStatus.DELETED) {
                storedData.deleteAll(id, before[0].locations());
            }
        } catch (NotFoundException e) {
            // Never created, or gone already.
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Image " + id + " of a failed legacy import task could not be deleted", e);
        }
    }

    /**
     * The store lists the shared flow keeps are empty after a legacy import; Glance's legacy flow never sets them, so
     * they are not shown on the image.
     */
    private void removeEmptyImportLists(ImageId id) {
        try {
            OptimisticUpdate.apply(repository, () -> repository.findById(id)
                    .orElseThrow(() -> ImageAccess.notFound(id)), image -> {
                java.util.Map<String, String> properties = new java.util.LinkedHashMap<>(image.properties());
                boolean changed = false;
                for (String key : List.of(ImportProperties.IMPORTING_TO_STORES, ImportProperties.FAILED_IMPORT)) {
                    if (properties.containsKey(key) && properties.get(key).isBlank()) {
                        properties.remove(key);
                        changed = true;
                    }
                }
                return changed ? image.toBuilder().properties(properties).build() : image;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Empty import lists of image " + id + " kept", e);
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
