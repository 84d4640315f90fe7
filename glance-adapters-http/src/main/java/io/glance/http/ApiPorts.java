package io.glance.http;

import io.glance.ports.in.ImageActivation;
import io.glance.ports.in.ImageCacheManagement;
import io.glance.ports.in.ImageCatalog;
import io.glance.ports.in.ImageData;
import io.glance.ports.in.ImageImport;
import io.glance.ports.in.ImageLocations;
import io.glance.ports.in.ImageMembers;
import io.glance.ports.in.ImageTags;
import io.glance.ports.in.ImageUploadV1;
import io.glance.ports.in.StoreInfo;

import static java.util.Objects.requireNonNull;

/**
 * The use cases the Images API v2 and v1 drive; the bootstrap builds them and hands them to {@link GlanceApiRouting}.
 * {@code locations} serves v1's {@code x-image-meta-location} too; {@code uploadV1} is v1's own upload rules;
 * {@code imports} is interoperable import and the tasks API; {@code cache} is the cache API
 * ({@link ImageCacheManagement#DISABLED} without an image cache).
 */
public record ApiPorts(ImageCatalog catalog, ImageData data, ImageTags tags, ImageMembers members,
                       ImageActivation activation, StoreInfo storeInfo, ImageLocations locations,
                       ImageUploadV1 uploadV1, ImageImport imports, ImageCacheManagement cache) {

    /** Without interoperable import: no method offered, no tasks; without an image cache. */
    public ApiPorts(ImageCatalog catalog, ImageData data, ImageTags tags, ImageMembers members,
                    ImageActivation activation, StoreInfo storeInfo, ImageLocations locations, ImageUploadV1 uploadV1) {
        this(catalog, data, tags, members, activation, storeInfo, locations, uploadV1, ImageImport.DISABLED);
    }

    /** Without an image cache. */
    public ApiPorts(ImageCatalog catalog, ImageData data, ImageTags tags, ImageMembers members,
                    ImageActivation activation, StoreInfo storeInfo, ImageLocations locations,
                    ImageUploadV1 uploadV1, ImageImport imports) {
        this(catalog, data, tags, members, activation, storeInfo, locations, uploadV1, imports,
                ImageCacheManagement.DISABLED);
    }

    public ApiPorts {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(data, "data is null");
        requireNonNull(tags, "tags is null");
        requireNonNull(members, "members is null");
        requireNonNull(activation, "activation is null");
        requireNonNull(storeInfo, "storeInfo is null");
        requireNonNull(uploadV1, "uploadV1 is null");
        requireNonNull(locations, "locations is null");
        requireNonNull(imports, "imports is null");
        requireNonNull(cache, "cache is null");
    }
}
