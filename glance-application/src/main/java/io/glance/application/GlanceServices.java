package io.glance.application;

import io.glance.application.cache.ImageCaching;
import io.glance.ports.in.ImageActivation;
import io.glance.ports.in.ImageCatalog;
import io.glance.ports.in.ImageData;
import io.glance.ports.in.ImageLocations;
import io.glance.ports.in.ImageMembers;
import io.glance.ports.in.ImageTags;
import io.glance.ports.in.ImageUploadV1;
import io.glance.ports.in.StoreInfo;
import io.glance.ports.out.ImageCache;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.PolicyEnforcer;
import io.glance.ports.out.PropertyProtection;
import io.glance.ports.out.StorageUsage;
import io.glance.ports.out.StoreRegistry;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The use cases of the Images API v2 (and v1's own upload rules) wired to their outbound ports: what the composition root builds once and hands to
 * the HTTP adapter. It owns the threads that compute upload digests; {@link #close()} stops them.
 */
public final class GlanceServices implements AutoCloseable {
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

    /**
     * @param repository where image metadata lives
     * @param stores     the configured stores
     * @param clock      the source of every timestamp (tests pass a fixed one)
     * @param limits     {@code image_size_cap}
     * @param policy     the policy rules every use case enforces
     */
    public GlanceServices(ImageRepository repository, StoreRegistry stores, Clock clock, UploadLimits limits,
                          PolicyEnforcer policy) {
        this(repository, stores, clock, limits, policy, PropertyProtection.NONE, ImageQuotas.defaults(), null);
    }

    /**
     * @param repository where image metadata lives
     * @param stores     the configured stores
     * @param clock      the source of every timestamp (tests pass a fixed one)
     * @param limits     {@code image_size_cap}
     * @param policy     the policy rules every use case enforces
     * @param protection who may create, read, update and delete which custom properties
     * @param quotas     the legacy quotas
     * @param usage      measures a project's stored bytes; required when {@code user_storage_quota} is on
     */
    public GlanceServices(ImageRepository repository, StoreRegistry stores, Clock clock, UploadLimits limits,
                          PolicyEnforcer policy, PropertyProtection protection, ImageQuotas quotas,
                          StorageUsage usage) {
        this(repository, stores, clock, limits, policy, protection, quotas, usage, ImageCache.NONE);
    }

    /**
     * @param cache this node's image cache ({@link ImageCache#NONE} when it has none)
     * @see #GlanceServices(ImageRepository, StoreRegistry, Clock, UploadLimits, PolicyEnforcer, PropertyProtection,
     * ImageQuotas, StorageUsage)
     */
    public GlanceServices(ImageRepository repository, StoreRegistry stores, Clock clock, UploadLimits limits,
                          PolicyEnforcer policy, PropertyProtection protection, ImageQuotas quotas,
                          StorageUsage usage, ImageCache cache) {
        requireNonNull(repository, "repository is null");
        requireNonNull(stores, "stores is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(policy, "policy is null");
        this.digestExecutor = newDigestExecutor();
        this.savingReset = new SavingReset(repository, clock);
        ImagePolicy imagePolicy = new ImagePolicy(policy);
        ImageAccess access = new ImageAccess(repository, imagePolicy, new PropertyAccess(protection));
        Quotas enforcedQuotas = new Quotas(quotas, usage);
        StoredData storedData = new StoredData(stores);
        this.catalog = new ImageCatalogService(repository, access, storedData, clock, enforcedQuotas);
        ImageUpload upload = new ImageUpload(repository, stores, access, storedData, clock, limits, enforcedQuotas,
                digestExecutor, savingReset);
        this.data = new ImageDataService(upload,
                new ImageDownloads(stores, access, new ImageCaching(cache)),
                new StoreLocationRemoval(stores, access));
        this.uploadV1 = new ImageUploadV1Service(upload, repository, access, clock);
        this.tags = new ImageTagService(repository, access, clock, enforcedQuotas);
        this.members = new ImageMemberService(repository, access, clock, enforcedQuotas);
        this.activation = new ImageActivationService(repository, access, clock);
        this.storeInfo = new StoreInfoService(stores, imagePolicy);
        this.locations = new ImageLocationService(repository, stores, access, storedData, clock, enforcedQuotas);
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

    public ImageCatalog catalog() {
        return catalog;
    }

    public ImageLocations locations() {
        return locations;
    }

    public ImageData data() {
        return data;
    }

    public ImageUploadV1 uploadV1() {
        return uploadV1;
    }

    public ImageTags tags() {
        return tags;
    }

    public ImageMembers members() {
        return members;
    }

    public ImageActivation activation() {
        return activation;
    }

    public StoreInfo storeInfo() {
        return storeInfo;
    }

    /**
     * Stops the digest threads: uploads still running fail and their images return to {@code queued}. Stop the HTTP
     * server first so that none are.
     */
    @Override
    public void close() {
        savingReset.close();
        digestExecutor.shutdownNow();
        try {
            digestExecutor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
