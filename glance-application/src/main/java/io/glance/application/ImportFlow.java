package io.glance.application;

import io.glance.application.inspection.StreamingFormatCheck;
import io.glance.domain.ConflictException;
import io.glance.domain.GlanceException;
import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageStatus;
import io.glance.domain.LimitExceededException;
import io.glance.domain.NotFoundException;
import io.glance.domain.task.Task;
import io.glance.domain.task.TaskStatus;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.RemoteImages;
import io.glance.ports.out.StagingArea;
import io.glance.ports.out.StoreRegistry;
import io.glance.ports.out.TaskRepository;
import io.glance.ports.out.WebDownloads;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoredObject;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Carries out one import task on a worker thread (spec §5): data into staging (web-download fetches it, copy-image
 * copies it from a store, glance-direct finds it there), the {@link ImportStep}s, then one write per target store
 * through the same {@link UploadStream} as an upload (size cap, quota, md5 and sha512), each followed by the new
 * location on the image. A store that takes the staged file as it is (the filesystem store links it: store SPI 1.8
 * {@code putLocalFile}) gets the file instead of a copy, while the same stream reads it once for the digests and the
 * format check. It ends by removing the staged data, marking the task {@code success} and dropping the lock.
 * <p>
 * A failure reverts what this task did: the data it wrote to stores is deleted and its locations removed, the image
 * returns to {@code queued} (copy-image: stays {@code active}), the stores it did not finish are listed in
 * {@code os_glance_failed_import}, the staged data is removed and the task is {@code failure} with the reason. With
 * {@code all_stores_must_succeed: false} a failed store is only listed as failed and the others go on.
 */
final class ImportFlow {
    private static final Logger LOG = Logger.getLogger(ImportFlow.class.getName());

    private final ImageRepository repository;
    private final TaskRepository tasks;
    private final StoreRegistry stores;
    private final StagingArea staging;
    private final StoredData storedData;
    private final ImportLocks locks;
    private final List<ImportStep> steps;
    private final WebDownloads webDownloads;
    private final UploadLimits limits;
    private final Quotas quotas;
    private final Executor digestExecutor;
    private final Clock clock;
    private final ImportSettings settings;
    private final GlanceDownload glanceDownload;

    ImportFlow(ImageRepository repository, TaskRepository tasks, StoreRegistry stores, StagingArea staging,
               StoredData storedData, ImportLocks locks, List<ImportStep> steps, WebDownloads webDownloads,
               UploadLimits limits, Quotas quotas, Executor digestExecutor, Clock clock, ImportSettings settings,
               RemoteImages remoteImages) {
        this.glanceDownload = new GlanceDownload(remoteImages, settings.downloadProperties());
        this.repository = requireNonNull(repository, "repository is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.staging = requireNonNull(staging, "staging is null");
        this.storedData = requireNonNull(storedData, "storedData is null");
        this.locks = requireNonNull(locks, "locks is null");
        this.steps = List.copyOf(steps);
        this.webDownloads = requireNonNull(webDownloads, "webDownloads is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.digestExecutor = requireNonNull(digestExecutor, "digestExecutor is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** The lock went to another task (it found ours stale): this one stops and leaves the image to it. */
    private static final class LockLostException extends RuntimeException {
        LockLostException(String message) {
            super(message);
        }
    }

    void run(ImportJob job) {
        Task task = tasks.findById(job.task().id()).orElse(null);
        if (task == null || task.status() != TaskStatus.PENDING) {
            return;
        }
        try {
            task = tasks.update(task.processing(Timestamps.now(clock)), TaskStatus.PENDING);
        } catch (ConflictException | NotFoundException e) {
            return;
        }
        ImageId id = job.imageId();
        List<StoreWrite> written = new ArrayList<>();
        EarlyDigests early = new EarlyDigests(() -> limitFor(job), digestExecutor);
        boolean firstStepDone = false;
        try {
            try {
                // Glance checks Keystone's limits once the image is marked as importing, before any work.
                quotas.checkImport(task.owner(), job.method(), current(id, job).size());
            } catch (LimitExceededException refused) {
                refuseOverLimit(job, task, refused);
                return;
            }
            switch (job.method()) {
                case GLANCE_DIRECT -> {
                    if (staging.size(id).isEmpty()) {
                        throw new IllegalStateException("No data is staged for image " + id + " in "
                                + staging.describe());
                    }
                }
                case WEB_DOWNLOAD -> firstStepDone = download(job, early);
                case COPY_IMAGE -> copyToStaging(job);
                case GLANCE_DOWNLOAD -> downloadFromGlance(job);
            }
            if (job.method() != ImportMethod.COPY_IMAGE) {
                early.enabled(everyTargetTakesTheStagedFile(job));
                runSteps(job, early, firstStepDone ? 1 : 0);
            }
            long size = staging.size(id).orElseThrow(() -> new IllegalStateException("The staged data of image "
                    + id + " disappeared"));
            int remaining = job.targets().size();
            for (String storeId : job.targets()) {
                remaining--;
                boolean activate = job.method() != ImportMethod.COPY_IMAGE
                        && (!job.allStoresMustSucceed() || remaining == 0);
                StoreWrite[] done = {null};
                try {
                    StoreWrite write = writeToStore(job, storeId, size, early);
                    done[0] = write;
                    written.add(write);
                    update(id, job, image -> ImportProperties.removing(withVirtualSize(image.importedTo(
                                    write.location(), write.size(), write.checksums(), activate,
                                    Timestamps.now(clock)), write.virtualSize()),
                            ImportProperties.IMPORTING_TO_STORES, List.of(storeId)));
                } catch (LockLostException e) {
                    throw e;
                } catch (Exception e) {
                    if (job.allStoresMustSucceed()) {
                        throw e;
                    }
                    LOG.log(Level.WARNING, "Import task " + job.task().id() + ": store " + storeId + " failed for"
                            + " image " + id + "; going on with the other stores", e);
                    update(id, job, image -> ImportProperties.adding(ImportProperties.removing(image,
                                    ImportProperties.IMPORTING_TO_STORES, List.of(storeId)),
                            ImportProperties.FAILED_IMPORT, List.of(storeId)));
                } finally {
                    if (done[0] != null) {
                        // A dedup store's redundant copy goes once the image points at the content's object.
                        storedData.dedup().finish(done[0].dedupWrite());
                    }
                }
            }
            Image done = current(id, job);
            if (job.method() != ImportMethod.COPY_IMAGE && done.status() != ImageStatus.ACTIVE) {
                throw new IllegalStateException("None of the uploads finished!");
            }
            staging.delete(id);
            update(id, job, image -> ImportProperties.withoutLock(image, job.task().id()));
            tasks.update(task.succeed("{\"image_id\": " + JsonText.quote(id.value()) + "}", Timestamps.now(clock),
                    settings.taskTimeToLive()), TaskStatus.PROCESSING);
            LOG.info("Import task " + task.id() + " (" + job.method().wireName + ") of image " + id + " succeeded: "
                    + job.targets());
        } catch (Throwable failure) {
            String why = describe(failure);
            LOG.log(Level.WARNING, "Import task " + task.id() + " (" + job.method().wireName + ") of image " + id
                    + " failed: " + why, failure instanceof GlanceException ? null : failure);
            revert(job, written, failure instanceof LockLostException);
            afterRevert(job);
            locks.failTask(task, why);
            if (failure instanceof Error error && !(failure instanceof AssertionError)) {
                throw error;
            }
        } finally {
            early.close();
        }
    }

    /** @param virtualSize what the format check found in the data written, or {@code null} */
    private record StoreWrite(ConfiguredStore store, ImageLocation location, long size, ImageChecksums checksums,
                              Long virtualSize, ContentDeduplication.Write dedupWrite) {
    }

    /** The virtual size the format check found, unless the image has one (image_conversion sets it from qemu-img). */
    private static Image withVirtualSize(Image image, Long virtualSize) {
        return virtualSize == null || image.virtualSize() != null ? image
                : image.toBuilder().virtualSize(virtualSize).build();
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    /** The image, if this task still holds its lock. */
    private Image current(ImageId id, ImportJob job) {
        Image image = repository.findById(id).orElseThrow(() -> new NotFoundException("Image " + id
                + " was deleted during its import"));
        if (!locks.holds(image, job.task().id())) {
            throw new LockLostException("Task " + job.task().id() + " no longer holds the import lock of image "
                    + id + " (held by " + ImportProperties.lockHolder(image) + ")");
        }
        return image;
    }

    /** Saves a change of the image, checking the lock on the version written over. */
    private Image update(ImageId id, ImportJob job, UnaryOperator<Image> change) {
        return OptimisticUpdate.apply(repository, () -> current(id, job), change);
    }

    /**
     * The download into staging; when the first step reads arriving data (image_conversion to raw) and the staging
     * area reports its writes, that step runs meanwhile ({@link StepWhileArriving}).
     *
     * @return whether the first step ran
     */
    private boolean download(ImportJob job, EarlyDigests early) throws Exception {
        WebDownloads.Body body = webDownloads.open(job.uri());
        if (steps.isEmpty() || !steps.getFirst().readsArrivingData() || !staging.reportsProgress()
                || body.channel() == null) {
            toStaging(job, body, null);
            return false;
        }
        ImportStep first = steps.getFirst();
        StepWhileArriving beside = new StepWhileArriving(first, arriving -> new StepContext(job, early, arriving),
                file -> early.enabled(everyTargetTakes(job, file)),
                // "glance-import" like the import workers: bench/lib/import-phases.py counts its CPU with theirs.
                "glance-import-step-" + job.task().id());
        try {
            toStaging(job, body, beside);
        } catch (Throwable failure) {
            Throwable cause = beside.downloadFailed(failure);
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
        long size = staging.size(job.imageId()).orElseThrow(() -> new IllegalStateException("The staged data of"
                + " image " + job.imageId() + " disappeared"));
        boolean ran = beside.downloaded(size);
        LOG.fine(() -> "Import task " + job.task().id() + ": step " + first.name() + (ran ? " ran" : " did not run")
                + " beside the download");
        return ran;
    }

    private void toStaging(ImportJob job, WebDownloads.Body body) throws IOException {
        toStaging(job, body, null);
    }

    /**
     * A downloaded body into staging, through its channel when it has one (no heap copy of every byte).
     *
     * @param beside a step reading the data as it arrives, or {@code null}; needs the body's channel
     */
    private void toStaging(ImportJob job, WebDownloads.Body body, StepWhileArriving beside) throws IOException {
        try (InputStream data = body.data()) {
            if (body.channel() == null) {
                toStaging(job, data, body.contentLength());
                return;
            }
            Image image = current(job.imageId(), job);
            StreamingFormatCheck formatCheck = limits.formats().checkFor(image.diskFormat(),
                    image.containerFormat());
            long remaining = quotas.remainingStorage(job.owner(), job.imageId());
            StagingChannel channel = remaining < limits.imageSizeCap()
                    ? new StagingChannel(body.channel(), remaining, body.contentLength(),
                    count -> Quotas.storageExceeded(count, remaining), formatCheck)
                    : new StagingChannel(body.channel(), limits.imageSizeCap(), body.contentLength(),
                    UploadStream.overImageSizeCap(limits.imageSizeCap()), formatCheck);
            if (beside == null) {
                staging.writeForTask(job.imageId(), channel);
            } else {
                staging.writeForTask(job.imageId(), channel,
                        beside.progress(() -> formatCheck != null && formatCheck.decided()));
            }
            channel.finish();
        }
    }

    /**
     * glance-download (Glance's _ImportMetadata and _DownloadGlanceImage): the remote image must be active; its
     * formats and the properties with the configured prefixes are copied onto the image, then its data is streamed
     * into staging like a web-download's and must have the remote's size. A failure puts back what was copied.
     */
    private void downloadFromGlance(ImportJob job) throws IOException {
        GlanceDownload.Source source = glanceDownload.source(job.remote());
        RemoteImages.RemoteImage remote = glanceDownload.show(source);
        Image before = current(job.imageId(), job);
        update(job.imageId(), job, image -> glanceDownload.copyMetadata(image, remote));
        try {
            RemoteImages.RemoteImage expected = remote;
            toStaging(job, glanceDownload.data(source));
            long staged = staging.size(job.imageId()).orElse(-1);
            if (expected.size() != null && staged != expected.size()) {
                staging.delete(job.imageId());
                throw new IOException("Downloaded data size " + staged + " of remote image " + source.imageId()
                        + " is different from expected " + expected.size());
            }
        } catch (IOException | RuntimeException e) {
            try {
                update(job.imageId(), job, image -> glanceDownload.restoreMetadata(image, before, remote));
            } catch (RuntimeException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
    }

    /** copy-image: the data of the default store's location (else the first) into staging, unless already there. */
    private void copyToStaging(ImportJob job) throws IOException {
        Image image = current(job.imageId(), job);
        OptionalLong staged = staging.size(job.imageId());
        if (staged.isPresent() && image.size() != null && staged.getAsLong() == image.size()) {
            return;
        }
        staging.delete(job.imageId());
        String defaultStore = stores.defaultStore().id();
        ImageLocation source = image.locations().stream().filter(l -> defaultStore.equals(l.storeId())).findFirst()
                .orElse(image.locations().isEmpty() ? null : image.locations().getFirst());
        if (source == null) {
            throw new IllegalStateException("Image " + job.imageId() + " has no data to copy");
        }
        ObjectData data = stores.storeFor(source).driver().get(URI.create(source.url()), null);
        try (InputStream in = data.stream()) {
            toStaging(job, in, data.length());
        }
    }

    private void toStaging(ImportJob job, InputStream data, long declaredLength) throws IOException {
        UploadStream stream = limited(job, data, declaredLength, false);
        try {
            staging.writeForTask(job.imageId(), stream);
            stream.finishUndigested();
        } catch (IOException | RuntimeException | Error e) {
            stream.abort();
            throw e;
        }
    }

    /**
     * The stream every byte of an import goes through: {@code image_size_cap}, the owner's storage quota, and the
     * format check against the image's formats as they are now (into staging: as claimed; into the stores: as the
     * import plugins left them, e.g. raw after image_conversion).
     */
    private UploadStream limited(ImportJob job, InputStream data, long declaredLength, boolean digested) {
        Image image = current(job.imageId(), job);
        StreamingFormatCheck formatCheck = limits.formats().checkFor(image.diskFormat(), image.containerFormat());
        // Into staging nothing is digested: the write into the stores digests what is finally stored.
        Executor digests = digested ? digestExecutor : null;
        SizeLimit limit = limitFor(job);
        return new UploadStream(data, limit.bytes(), declaredLength, limit.overCap(), formatCheck, digests);
    }

    /** The lower of {@code image_size_cap} and the owner's storage quota left, with the failure beyond it. */
    private SizeLimit limitFor(ImportJob job) {
        long remaining = quotas.remainingStorage(job.owner(), job.imageId());
        if (remaining < limits.imageSizeCap()) {
            return new SizeLimit(remaining, count -> Quotas.storageExceeded(count, remaining));
        }
        return new SizeLimit(limits.imageSizeCap(), UploadStream.overImageSizeCap(limits.imageSizeCap()));
    }

    private record SizeLimit(long bytes, LongFunction<LimitExceededException> overCap) implements EarlyDigests.Limit {
    }

    /** The steps from {@code first} on (the first may have run beside the download). */
    private void runSteps(ImportJob job, EarlyDigests early, int first) throws Exception {
        for (ImportStep step : steps.subList(first, steps.size())) {
            current(job.imageId(), job);
            LOG.fine(() -> "Import task " + job.task().id() + ": step " + step.name());
            step.apply(new StepContext(job, early, null));
        }
    }

    private final class StepContext implements ImportStep.Context {
        private final ImportJob job;
        private final EarlyDigests early;
        private final ArrivingStaging arriving;

        /** @param arriving the staged data while it arrives, or {@code null} when it is complete */
        StepContext(ImportJob job, EarlyDigests early, ArrivingStaging arriving) {
            this.job = job;
            this.early = early;
            this.arriving = arriving;
        }

        @Override
        public ImportStep.Arriving arriving() {
            return arriving;
        }

        @Override
        public Image image() {
            return current(job.imageId(), job);
        }

        @Override
        public String method() {
            return job.method().wireName;
        }

        @Override
        public java.util.Set<String> callerRoles() {
            return job.callerRoles();
        }

        @Override
        public URI stagedData() {
            return staging.location(job.imageId());
        }

        @Override
        public void replaceStagedData(URI newData) throws IOException {
            if (arriving != null && !arriving.isComplete()) {
                throw new IllegalStateException("The staged data of image " + job.imageId() + " is still arriving:"
                        + " it can be replaced only once it is complete");
            }
            try {
                staging.replace(job.imageId(), newData);
            } catch (IOException | RuntimeException | Error e) {
                early.dropWriting();
                throw e;
            }
            if ("file".equals(newData.getScheme())) {
                early.replaced(Path.of(newData));
            } else {
                early.dropWriting();
            }
        }

        @Override
        public void writtenUpTo(URI newData, long length) throws IOException {
            early.writtenUpTo(Path.of(newData), length);
        }

        @Override
        public void updateImage(UnaryOperator<Image> change) {
            update(job.imageId(), job, change);
        }
    }

    private StoreWrite writeToStore(ImportJob job, String storeId, long size, EarlyDigests early)
            throws IOException {
        ConfiguredStore store = stores.store(storeId);
        Path stagedFile = stagedFile(job.imageId());
        boolean byLink = stagedFile != null && store.driver().takesLocalFile(stagedFile);
        GrowingFileDigests taken = byLink ? early.of(stagedFile) : null;
        StoredObject stored = null;
        UploadStream stream = null;
        ContentDeduplication.Write write = null;
        CompletableFuture<StoredObject> taking = null;
        try (InputStream in = staging.open(job.imageId())) {
            write = storedData.dedup().begin(store, job.imageId());
            if (taken != null) {
                // A step announced its data while writing it (image_conversion's windows): the digests were taken
                // meanwhile, so only the format check's header is read here, beside the store's fsync.
                String name = write.name();
                taking = CompletableFuture.supplyAsync(() -> store.driver().putLocalFile(name, stagedFile, size),
                        digestExecutor);
                UploadDigests digests = taken.await();
                if (digests.size() != size) {
                    throw new IllegalStateException("The staged data of image " + job.imageId() + " holds " + size
                            + " bytes, but " + digests.size() + " were announced and digested");
                }
                SizeLimit limit = limitFor(job);
                if (size > limit.bytes()) {
                    throw limit.overCap().apply(size);
                }
                digests = new UploadDigests(size, digests.md5(), digests.sha512(), inspectHeader(job, in, size));
                stored = joined(taking);
                return stored(job, store, write, stored, digests);
            }
            stream = limited(job, in, size, true);
            if (byLink) {
                // The store takes the staged file itself (a filesystem store on the same file system links it):
                // its fsync runs while this thread reads the file once, from the page cache, for the digests and
                // the format check, instead of copying every byte into a new file.
                String name = write.name();
                taking = CompletableFuture.supplyAsync(() -> store.driver().putLocalFile(name, stagedFile, size),
                        digestExecutor);
                drain(stream);
                stored = joined(taking);
            } else {
                stored = store.driver().put(write.name(), stream, size);
            }
            return stored(job, store, write, stored, stream.finish());
        } catch (IOException | RuntimeException | Error e) {
            if (stream != null) {
                stream.abort();
            }
            if (stored == null && taking != null) {
                stored = taking.exceptionally(failure -> null).join();
            }
            if (stored != null) {
                storedData.delete(job.imageId(), store, stored.location());
            }
            if (write != null) {
                storedData.dedup().finish(write);
            }
            if (e instanceof RuntimeException runtime) {
                throw UploadFailures.map(job.imageId(), storeId, runtime,
                        stream == null ? null : stream.sourceFailure());
            }
            throw e;
        }
    }

    /** The write's outcome; a dedup store (copy-image included) points the image at the object holding these bytes. */
    private StoreWrite stored(ImportJob job, ConfiguredStore store, ContentDeduplication.Write write,
                              StoredObject stored, UploadDigests digests) {
        StoredObject adopted = storedData.dedup().adopt(write, stored, digests.sha512());
        Map<String, String> metadata = new HashMap<>(adopted.metadata());
        metadata.put("store", store.id());
        return new StoreWrite(store, new ImageLocation(adopted.location().toString(), metadata), digests.size(),
                new ImageChecksums(digests.md5(), ImageChecksums.DEFAULT_HASH_ALGO, digests.sha512()),
                digests.virtualSize(), write);
    }

    /**
     * The format check of digested data, against the image's formats as the steps left them: only the header is
     * read, until the check has decided (a few hundred KiB at most), the rest is counted.
     *
     * @return the virtual size found, or {@code null}
     */
    private Long inspectHeader(ImportJob job, InputStream data, long size) throws IOException {
        Image image = current(job.imageId(), job);
        StreamingFormatCheck check = limits.formats().checkFor(image.diskFormat(), image.containerFormat());
        byte[] buffer = new byte[64 * 1024];
        long seen = 0;
        while (!check.decided() && seen < size) {
            int read = data.readNBytes(buffer, 0, (int) Math.min(buffer.length, size - seen));
            if (read <= 0) {
                break;
            }
            check.feed(buffer, 0, read);
            seen += read;
        }
        check.skip(size - seen);
        return check.finish();
    }

    /** Whether every target store would take the staged file itself (putLocalFile) rather than a copy of its bytes. */
    private boolean everyTargetTakesTheStagedFile(ImportJob job) {
        return everyTargetTakes(job, stagedFile(job.imageId()));
    }

    /** {@link #everyTargetTakesTheStagedFile} asked of {@code staged}, e.g. the data still arriving. */
    private boolean everyTargetTakes(ImportJob job, Path staged) {
        try {
            return staged != null && job.targets().stream()
                    .allMatch(storeId -> stores.store(storeId).driver().takesLocalFile(staged));
        } catch (RuntimeException e) {
            // A store that cannot be asked fails (or, without all_stores_must_succeed, is skipped) when written to.
            return false;
        }
    }

    /** The staged data as a local file, or {@code null} when the staging area does not keep files. */
    private Path stagedFile(ImageId id) {
        URI location = staging.location(id);
        return "file".equals(location.getScheme()) ? Path.of(location) : null;
    }

    /** Reads to the end in the digest workers' hand-over size (InputStream.transferTo would read 16 KiB at a time). */
    private static void drain(InputStream stream) throws IOException {
        byte[] buffer = new byte[UploadStream.BUFFER_SIZE];
        while (stream.readNBytes(buffer, 0, buffer.length) > 0) {
            // Only the stream's own work counts: size, cap, quota, format check and digests.
        }
    }

    /** The store's answer, its own exception unwrapped. */
    private static StoredObject joined(CompletableFuture<StoredObject> taking) throws IOException {
        try {
            return taking.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * Ends a task that never ran or was interrupted by a stop: the image is returned as {@link #revert} would
     * (its pending stores, {@code os_glance_importing_to_stores}, become failed ones), its staged data removed, the
     * task failed. Data an interrupted non-copy import had recorded is deleted with its locations.
     */
    void abandon(Task task, String why) {
        if (task.imageId() != null) {
            ImageId id = new ImageId(task.imageId());
            try {
                Image[] before = {null};
                Image after = OptimisticUpdate.apply(repository, () -> repository.findById(id)
                        .orElseThrow(() -> ImageAccess.notFound(id)), image -> {
                    before[0] = image;
                    if (!locks.holds(image, task.id())) {
                        return image;
                    }
                    Image reverted = image;
                    if (image.status() != ImageStatus.ACTIVE && image.status().canMoveTo(ImageStatus.QUEUED)) {
                        reverted = image.returnToQueued(Timestamps.now(clock));
                    }
                    List<String> pending = ImportProperties.list(image, ImportProperties.IMPORTING_TO_STORES);
                    reverted = ImportProperties.withList(reverted, ImportProperties.IMPORTING_TO_STORES, List.of());
                    reverted = ImportProperties.adding(reverted, ImportProperties.FAILED_IMPORT, pending);
                    return ImportProperties.withoutLock(reverted, task.id());
                });
                if (before[0] != null && before[0] != after && after.locations().isEmpty()) {
                    storedData.deleteAll(id, before[0].locations());
                }
                if (before[0] != null && locks.holds(before[0], task.id())) {
                    staging.delete(id);
                }
            } catch (NotFoundException e) {
                staging.delete(id);
            }
        }
        locks.failTask(task, why);
    }

    /**
     * Over a Keystone limit at the start (Glance's {@code assert_quota}): the stores are no longer being imported to
     * (and not listed as failed: nothing was tried), the image goes back to {@code queued} unless it was being
     * copied, the lock is dropped and the task fails with the limit's message. Unlike Glance, which leaves it, the
     * staged data is removed too (the image is queued again, so nothing may stay staged for it).
     */
    private void refuseOverLimit(ImportJob job, Task task, LimitExceededException refused) {
        ImageId id = job.imageId();
        LOG.info("Import task " + task.id() + " (" + job.method().wireName + ") of image " + id + " refused: "
                + refused.getMessage());
        try {
            OptimisticUpdate.apply(repository, () -> repository.findById(id)
                    .orElseThrow(() -> ImageAccess.notFound(id)), image -> {
                if (!locks.holds(image, job.task().id())) {
                    return image;
                }
                Image reverted = ImportProperties.removing(image, ImportProperties.IMPORTING_TO_STORES,
                        job.targets());
                if (reverted.status() == ImageStatus.IMPORTING) {
                    reverted = reverted.returnToQueued(Timestamps.now(clock));
                }
                return ImportProperties.withoutLock(reverted, job.task().id());
            });
            if (job.method() != ImportMethod.COPY_IMAGE) {
                staging.delete(id);
            }
        } catch (NotFoundException e) {
            // Deleted meanwhile: nothing to restore.
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Image " + id + " could not be reverted after its import was refused", e);
        }
        afterRevert(job);
        locks.failTask(task, refused.getMessage());
    }

    /** The job's own clean-up after a revert, so that it is done when the task shows {@code failure}. */
    private static void afterRevert(ImportJob job) {
        if (job.afterRevert() == null) {
            return;
        }
        try {
            job.afterRevert().run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Clean-up of failed import task " + job.task().id() + " failed", e);
        }
    }

    /** Undoes what this task did; with the lock lost, only its own data is removed and the image left alone. */
    private void revert(ImportJob job, List<StoreWrite> written, boolean lockLost) {
        ImageId id = job.imageId();
        for (StoreWrite write : written) {
            storedData.delete(id, write.store(), URI.create(write.location().url()));
        }
        if (!lockLost) {
            List<String> notDone = new ArrayList<>(job.targets());
            written.forEach(write -> notDone.remove(write.store().id()));
            try {
                OptimisticUpdate.apply(repository, () -> repository.findById(id)
                        .orElseThrow(() -> ImageAccess.notFound(id)), image -> {
                    if (!locks.holds(image, job.task().id())) {
                        return image;
                    }
                    Image reverted = image;
                    if (job.method() == ImportMethod.COPY_IMAGE) {
                        List<ImageLocation> kept = new ArrayList<>(image.locations());
                        written.forEach(write -> kept.remove(write.location()));
                        reverted = image.toBuilder().locations(kept).build();
                    } else if (image.status().canMoveTo(ImageStatus.QUEUED) && image.status() != ImageStatus.QUEUED) {
                        reverted = image.returnToQueued(Timestamps.now(clock));
                    }
                    reverted = ImportProperties.removing(reverted, ImportProperties.IMPORTING_TO_STORES,
                            job.targets());
                    reverted = ImportProperties.adding(reverted, ImportProperties.FAILED_IMPORT, notDone);
                    return ImportProperties.withoutLock(reverted, job.task().id());
                });
            } catch (NotFoundException e) {
                // Deleted meanwhile: nothing to restore.
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Image " + id + " could not be reverted after its failed import", e);
            }
            staging.delete(id);
        }
    }
}
