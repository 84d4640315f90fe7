package io.glance.ports.in;

/**
 * Every use case the Images APIs (v2 and v1) drive, as one port: the application implements it once and the
 * composition root hands that object to the HTTP adapter. A new use case adds an accessor here, in the application
 * and in the HTTP service that calls it, instead of a field copied through a record of ports.
 */
public interface GlanceUseCases {

    ImageCatalog catalog();

    ImageData data();

    ImageTags tags();

    ImageMembers members();

    ImageActivation activation();

    /** What /v2/info/stores shows, and which stores v1's store header may name. */
    StoreInfo storeInfo();

    /** v2's locations and v1's {@code x-image-meta-location}. */
    ImageLocations locations();

    /** v1's own upload rules. */
    ImageUploadV1 uploadV1();

    /** Interoperable import and the tasks API ({@link ImageImport#DISABLED} when no method is enabled). */
    ImageImport imports();

    /** Which node holds an image's staged data ({@link StagingOwner#LOCAL} when nodes share staging). */
    default StagingOwner stagingOwner() {
        return StagingOwner.LOCAL;
    }

    /** The cache API ({@link ImageCacheManagement#DISABLED} without an image cache). */
    ImageCacheManagement cacheManagement();

    /** What /v2/info/usage shows: Keystone's unified limits and the usage ({@link QuotaUsage#NONE} without). */
    QuotaUsage quotaUsage();

    /** Resumable uploads into staging ({@link ResumableUploads#DISABLED} without import). */
    default ResumableUploads resumableUploads() {
        return ResumableUploads.DISABLED;
    }
}
