package io.glance.application;

import io.glance.application.cache.ImageCacheSettings;
import io.glance.application.cache.ImageCaching;
import io.glance.ports.in.GlanceUseCases;
import io.glance.ports.in.ImageActivation;
import io.glance.ports.in.ImageCacheManagement;
import io.glance.ports.in.ImageCatalog;
import io.glance.ports.in.ImageData;
import io.glance.ports.in.ImageImport;
import io.glance.ports.in.ImageLocations;
import io.glance.ports.in.ImageMembers;
import io.glance.ports.in.ImageTags;
import io.glance.ports.in.ImageUploadV1;
import io.glance.ports.in.QuotaUsage;
import io.glance.ports.in.StagingOwner;
import io.glance.ports.in.ResumableUploads;
import io.glance.ports.in.StoreInfo;
import io.glance.ports.out.ImageCache;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.MemberRepository;
import io.glance.ports.out.PartialUploads;
import io.glance.ports.out.PolicyEnforcer;
import io.glance.ports.out.PropertyProtection;
import io.glance.ports.out.RemoteImages;
import io.glance.ports.out.StorageUsage;
import io.glance.ports.out.StagingArea;
import io.glance.ports.out.StoreRegistry;
import io.glance.ports.out.TaskRepository;
import io.glance.ports.out.UploadSessions;
import io.glance.ports.out.WebDownloads;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The use cases of the Images API v2 (and v1's own upload rules) wired to their outbound ports: what the composition root builds once and hands to
 * the HTTP adapter. It owns the threads that compute upload digests; {@link #close()} stops them.
 */
public final class GlanceServices implements GlanceUseCases, AutoCloseable {
    private final ExecutorService digestExecutor;
    private final SavingReset savingReset;
    private final ImageCatalog catalog;
    private final ImageData data;
    private final ImageUploadV1 uploadV1;
    private final ImageTags tags;
    private final ImageMembers members;
    private final ImageActivation activation;
    private final StoreInfo storeInfo;
    private final ImageLocations locations;
    private final ImageImport imports;
    private final StagingOwner stagingOwner;
    private final ExecutorService importWorkers;
    private final InterruptedImportRecovery importRecovery;
    /** The cache API and background work; null without an image cache. */
    private final ImageCacheService cacheService;
    private final QuotaUsage quotaUsage;
    private final ResumableUploads resumableUploads;
    /** Null without resumable uploads. */
    private final ResumableUploadSweep uploadSweep;

    /**
     * @param repository where image metadata lives
     * @param members    the images' members, kept where the images are
     * @param stores     the configured stores
     * @param clock      the source of every timestamp (tests pass a fixed one)
     * @param limits     {@code image_size_cap}
     * @param policy     the policy rules every use case enforces
     */
    public GlanceServices(ImageRepository repository, MemberRepository members, StoreRegistry stores, Clock clock,
                          UploadLimits limits, PolicyEnforcer policy) {
        this(repository, members, stores, clock, limits, policy, PropertyProtection.NONE, ImageQuotas.defaults(), null);
    }

    /**
     * @param repository where image metadata lives
     * @param members    the images' members, kept where the images are
     * @param stores     the configured stores
     * @param clock      the source of every timestamp (tests pass a fixed one)
     * @param limits     {@code image_size_cap}
     * @param policy     the policy rules every use case enforces
     * @param protection who may create, read, update and delete which custom properties
     * @param quotas     the legacy quotas
     * @param usage      measures a project's stored bytes; required when {@code user_storage_quota} is on
     */
    public GlanceServices(ImageRepository repository, MemberRepository members, StoreRegistry stores, Clock clock,
                          UploadLimits limits, PolicyEnforcer policy, PropertyProtection protection, ImageQuotas quotas,
                          StorageUsage usage) {
        this(repository, members, stores, clock, limits, policy, protection, quotas, usage, ImageCache.NONE);
    }

    /**
     * @param cache this node's image cache ({@link ImageCache#NONE} when it has none)
     * @see #GlanceServices(ImageRepository, MemberRepository, StoreRegistry, Clock, UploadLimits, PolicyEnforcer,
     * PropertyProtection, ImageQuotas, StorageUsage)
     */
    public GlanceServices(ImageRepository repository, MemberRepository members, StoreRegistry stores, Clock clock,
                          UploadLimits limits, PolicyEnforcer policy, PropertyProtection protection, ImageQuotas quotas,
                          StorageUsage usage, ImageCache cache) {
        this(repository, members, stores, clock, limits, policy, protection, quotas, usage, cache,
                ImageCacheSettings.defaults(false), null);
    }

    /**
     * What interoperable import needs beyond the image use cases.
     *
     * @param tasks        where tasks live
     * @param staging      where staged data waits ({@code node_staging_uri})
     * @param webDownloads fetches web-download's URIs under the import filter
     * @param settings     the enabled methods, task expiry, worker count
     * @param steps        what runs between staged data and the stores, in order (import plugins)
     * @param worker       this process's name on its tasks, so that a restart fails only its own
     * @param remoteImages glance-download's reader of other regions' Glance
     */
    public record Imports(TaskRepository tasks, StagingArea staging, WebDownloads webDownloads,
                          ImportSettings settings, List<ImportStep> steps, String worker, RemoteImages remoteImages,
                          Resumable resumable) {
        public Imports {
            requireNonNull(tasks, "tasks is null");
            requireNonNull(staging, "staging is null");
            requireNonNull(webDownloads, "webDownloads is null");
            requireNonNull(settings, "settings is null");
            steps = List.copyOf(steps);
            requireNonNull(worker, "worker is null");
            requireNonNull(remoteImages, "remoteImages is null");
        }

        /** Without glance-download's reader of other regions' Glance, and without resumable uploads. */
        public Imports(TaskRepository tasks, StagingArea staging, WebDownloads webDownloads, ImportSettings settings,
                       List<ImportStep> steps, String worker) {
            this(tasks, staging, webDownloads, settings, steps, worker, RemoteImages.NONE, null);
        }

        /** Without resumable uploads. */
        public Imports(TaskRepository tasks, StagingArea staging, WebDownloads webDownloads, ImportSettings settings,
                       List<ImportStep> steps, String worker, RemoteImages remoteImages) {
            this(tasks, staging, webDownloads, settings, steps, worker, remoteImages, null);
        }
    }

    /**
     * Resumable uploads into staging (tus): where sessions are recorded, where their partial data is (beside the
     * staged data), how long they live.
     */
    public record Resumable(UploadSessions sessions, PartialUploads parts, ResumableUploadSettings settings) {
        public Resumable {
            requireNonNull(sessions, "sessions is null");
            requireNonNull(parts, "parts is null");
            requireNonNull(settings, "settings is null");
        }
    }

    /**
     * As above, with interoperable import when {@code imports} is given (else no method is offered).
     */
    public GlanceServices(ImageRepository repository, MemberRepository members, StoreRegistry stores, Clock clock,
                          UploadLimits limits, PolicyEnforcer policy, PropertyProtection protection, ImageQuotas quotas,
                          StorageUsage usage, ImageCache cache, Imports imports) {
        this(repository, members, stores, clock, limits, policy, protection, quotas, usage, cache,
                ImageCacheSettings.defaults(false), imports);
    }

    /**
     * As above, with the image cache's API and background work when {@code cacheSettings} enables them.
     *
     * @param cache         this node's image cache ({@link ImageCache#NONE} when it has none)
     * @param cacheSettings its limits and the interval of its background work (which runs when it is enabled)
     * @param imports       interoperable import, or null
     */
    public GlanceServices(ImageRepository repository, MemberRepository members, StoreRegistry stores, Clock clock,
                          UploadLimits limits, PolicyEnforcer policy, PropertyProtection protection, ImageQuotas quotas,
                          StorageUsage usage, ImageCache cache, ImageCacheSettings cacheSettings, Imports imports) {
        this(repository, members, stores, clock, limits, policy, protection, quotas, usage, cache, cacheSettings,
                imports, ScrubberSettings.immediate());
    }

    /** As above, deleting images with {@code delayed_delete} when {@code deletion} says so. */
    public GlanceServices(ImageRepository repository, MemberRepository members, StoreRegistry stores, Clock clock,
                          UploadLimits limits, PolicyEnforcer policy, PropertyProtection protection, ImageQuotas quotas,
                          StorageUsage usage, ImageCache cache, ImageCacheSettings cacheSettings, Imports imports,
                          ScrubberSettings deletion) {
        this(repository, members, stores, clock, limits, policy, protection, quotas, usage, cache, cacheSettings,
                imports, deletion, UnifiedLimits.off());
    }

    /**
     * As above, with Keystone's unified limits ({@code use_keystone_limits}), or {@link UnifiedLimits#off()}.
     */
    public GlanceServices(ImageRepository repository, MemberRepository members, StoreRegistry stores, Clock clock,
                          UploadLimits limits, PolicyEnforcer policy, PropertyProtection protection, ImageQuotas quotas,
                          StorageUsage usage, ImageCache cache, ImageCacheSettings cacheSettings, Imports imports,
                          ScrubberSettings deletion, UnifiedLimits unifiedLimits) {
        this(repository, members, stores, clock, limits, policy, protection, quotas, usage, cache, cacheSettings,
                imports, deletion, unifiedLimits, ContentDeduplication.off(stores));
    }

    /** As above, keeping one object per content in stores with {@code dedup: true} through {@code dedup}. */
    public GlanceServices(ImageRepository repository, MemberRepository members, StoreRegistry stores, Clock clock,
                          UploadLimits limits, PolicyEnforcer policy, PropertyProtection protection, ImageQuotas quotas,
                          StorageUsage usage, ImageCache cache, ImageCacheSettings cacheSettings, Imports imports,
                          ScrubberSettings deletion, UnifiedLimits unifiedLimits, ContentDeduplication dedup) {
        requireNonNull(repository, "repository is null");
        requireNonNull(members, "members is null");
        this.quotaUsage = requireNonNull(unifiedLimits, "unifiedLimits is null");
        requireNonNull(stores, "stores is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(policy, "policy is null");
        this.digestExecutor = newDigestExecutor();
        this.savingReset = new SavingReset(repository, clock);
        ImagePolicy imagePolicy = new ImagePolicy(policy);
        ImageAccess access = new ImageAccess(repository, members, imagePolicy, new PropertyAccess(protection));
        Quotas enforcedQuotas = new Quotas(quotas, usage, unifiedLimits);
        StoredData storedData = new StoredData(stores, requireNonNull(dedup, "dedup is null"));
        ImageCatalogService catalogService = new ImageCatalogService(repository, access, storedData, clock,
                enforcedQuotas, imports == null ? id -> { } : imports.staging()::delete, deletion.delayedDelete());
        this.catalog = catalogService;
        ImageUpload upload = new ImageUpload(repository, stores, access, storedData, clock, limits, enforcedQuotas,
                digestExecutor, savingReset);
        ImageDownloads downloads = new ImageDownloads(stores, access, new ImageCaching(cache));
        this.data = new ImageDataService(upload, downloads, new StoreLocationRemoval(stores, access, repository,
                storedData, clock));
        this.cacheService = cacheSettings.enabled()
                ? new ImageCacheService(cache, repository, access, downloads, cacheSettings) : null;
        this.uploadV1 = new ImageUploadV1Service(upload, repository, access, clock);
        this.tags = new ImageTagService(repository, access, clock, enforcedQuotas);
        this.members = new ImageMemberService(members, access, clock, enforcedQuotas);
        this.activation = new ImageActivationService(repository, access, clock);
        this.storeInfo = new StoreInfoService(stores, imagePolicy);
        this.locations = new ImageLocationService(repository, stores, access, storedData, clock, enforcedQuotas,
                limits.formats());
        if (imports == null) {
            this.imports = ImageImport.DISABLED;
            this.stagingOwner = StagingOwner.LOCAL;
            this.importWorkers = null;
            this.importRecovery = null;
            this.resumableUploads = ResumableUploads.DISABLED;
            this.uploadSweep = null;
        } else {
            ImportSettings settings = imports.settings();
            ImportLocks locks = new ImportLocks(repository, imports.tasks(), clock, settings.taskTimeToLive());
            ImportFlow flow = new ImportFlow(repository, imports.tasks(), stores, imports.staging(), storedData,
                    locks, imports.steps(), imports.webDownloads(), limits, enforcedQuotas, digestExecutor, clock,
                    settings, imports.remoteImages());
            this.importWorkers = newImportWorkers(settings.workerThreads());
            ImageStaging imageStaging = new ImageStaging(repository, access, imports.staging(), limits,
                    enforcedQuotas, clock, settings.selfUrl());
            LegacyImportTasks legacyTasks = new LegacyImportTasks(catalogService, repository, imports.tasks(),
                    stores, access, locks, flow, imports.webDownloads(), storedData, clock, imports.worker());
            this.imports = new ImageImportService(settings, imageStaging,
                    new ImportRequests(repository, imports.tasks(), stores, access, settings, locks,
                            imports.webDownloads(), clock, imports.worker(), enforcedQuotas),
                    flow, locks, new TaskQueries(imports.tasks(), access, clock), importWorkers, legacyTasks);
            this.stagingOwner = new StageHostLookup(access, settings.selfUrl());
            this.importRecovery = new InterruptedImportRecovery(imports.tasks(), repository, imports.staging(),
                    flow, imports.worker(), legacyTasks);
            Resumable resumable = imports.resumable();
            if (resumable == null || !settings.enabled(ImportMethod.GLANCE_DIRECT.wireName)) {
                this.resumableUploads = ResumableUploads.DISABLED;
                this.uploadSweep = null;
            } else {
                ResumableUploadService service = new ResumableUploadService(resumable.sessions(), resumable.parts(),
                        access, imageStaging, this.imports, limits, enforcedQuotas, resumable.settings(),
                        imports.worker(), settings.selfUrl(), clock);
                this.resumableUploads = service;
                this.uploadSweep = new ResumableUploadSweep(service, resumable.settings().sweepInterval());
            }
        }
    }

    /**
     * A fixed number of platform threads (an import is long I/O plus hashing); further imports wait in the queue as
     * {@code pending} tasks.
     */
    private static ExecutorService newImportWorkers(int threads) {
        return Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("glance-import-", 0).daemon(true)
                .factory());
    }

    /**
     * Removes expired resumable upload sessions and orphaned partial data now, then periodically (call once at
     * start, before serving).
     *
     * @return how many the first sweep removed
     */
    public int startResumableUploadSweep() {
        return uploadSweep == null ? 0 : uploadSweep.start();
    }

    @Override
    public ResumableUploads resumableUploads() {
        return resumableUploads;
    }

    /** The cache API ({@link ImageCacheManagement#DISABLED} without an image cache). */
    @Override
    public ImageCacheManagement cacheManagement() {
        return cacheService != null ? cacheService : ImageCacheManagement.DISABLED;
    }

    /** Interoperable import and tasks ({@link ImageImport#DISABLED} when not configured). */
    @Override
    public ImageImport imports() {
        return imports;
    }

    @Override
    public StagingOwner stagingOwner() {
        return stagingOwner;
    }

    /**
     * Fails the import tasks this process's previous run left unfinished and returns their images (call once at
     * start, before serving).
     *
     * @return how many were failed
     */
    public int recoverInterruptedImports() {
        return importRecovery == null ? 0 : importRecovery.run();
    }

    /**
     * Two threads per running upload, made on demand and kept a minute for the next one. Platform threads, not
     * virtual ones: hashing is pure CPU and never blocks, so on virtual threads it would hold the few carrier threads
     * that the HTTP server's request threads share, and requests for metadata would wait behind uploads. Unbounded,
     * because a bounded pool would make an upload wait for another upload to end.
     */
    static ExecutorService newDigestExecutor() {
        return Executors.newCachedThreadPool(Thread.ofPlatform().name("glance-upload-digest-", 0).daemon(true)
                .factory());
    }

    @Override
    public ImageCatalog catalog() {
        return catalog;
    }

    @Override
    public ImageLocations locations() {
        return locations;
    }

    @Override
    public ImageData data() {
        return data;
    }

    @Override
    public ImageUploadV1 uploadV1() {
        return uploadV1;
    }

    @Override
    public ImageTags tags() {
        return tags;
    }

    @Override
    public ImageMembers members() {
        return members;
    }

    @Override
    public ImageActivation activation() {
        return activation;
    }

    @Override
    public QuotaUsage quotaUsage() {
        return quotaUsage;
    }

    @Override
    public StoreInfo storeInfo() {
        return storeInfo;
    }

    /**
     * Stops the digest threads: uploads still running fail and their images return to {@code queued}. Stop the HTTP
     * server first so that none are.
     */
    @Override
    public void close() {
        if (cacheService != null) {
            cacheService.close();
        }
        savingReset.close();
        if (uploadSweep != null) {
            uploadSweep.close();
        }
        if (importWorkers != null) {
            // Running imports are interrupted; the next start fails their tasks and returns their images.
            importWorkers.shutdownNow();
        }
        digestExecutor.shutdownNow();
        try {
            digestExecutor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
