package io.glance.store.swift;

import io.glance.store.spi.ByteRange;
import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.ListedObject;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreException;
import io.glance.store.spi.StoreUnavailableException;
import io.glance.store.spi.StoredObject;
import io.glance.store.toolkit.CheckedLengthInputStream;
import org.jclouds.http.options.GetOptions;
import org.jclouds.openstack.swift.v1.domain.ObjectList;
import org.jclouds.openstack.swift.v1.domain.SwiftObject;
import org.jclouds.openstack.swift.v1.options.ListContainerOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * One Swift store. Images up to {@code swift_store_large_object_size} are single objects; larger ones, and uploads
 * of unknown length, are Static Large Objects (see {@link LargeObjectUpload}). Objects are created with
 * {@code If-None-Match: *}, so an existing image is never replaced.
 */
final class SwiftStoreDriver implements io.glance.store.spi.StoreDriver {
    /** Names per listing request (Swift's default container_listing_limit is 10,000). */
    static final int LIST_PAGE = 1000;

    private final String storeId;
    private final SwiftStoreConfig config;
    private final SwiftClient client;
    private final SwiftUploader uploader;
    private final SwiftLocations locations;
    private final ContainerGuard containers;
    /** Uploads in progress in this process: a second upload of the same image loses at once (Duplicate). */
    private final Set<String> uploading = ConcurrentHashMap.newKeySet();
    /** The platform threads that read downloads ahead of the host (see {@link ReadAheadStream}). */
    private final ExecutorService downloadReaders = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("swift-download-", 0).factory());

    SwiftStoreDriver(String storeId, SwiftStoreConfig config, SwiftClient client) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
        this.uploader = new SwiftUploader(storeId, client, config.timeout());
        this.locations = new SwiftLocations(config.authAddress(), config.container());
        this.containers = new ContainerGuard(storeId, config, client);
    }

    @Override
    public String storeId() {
        return storeId;
    }

    @Override
    public URI locationOf(String imageId) {
        requireNonNull(imageId, "imageId is null");
        if (!SwiftLocations.isValidImageId(imageId)) {
            throw new IllegalArgumentException("swift store '" + storeId + "': not a usable image id: '" + imageId
                    + "'");
        }
        return locations.locationOf(imageId);
    }

    @Override
    public StoredObject put(String imageId, InputStream data, long expectedSize) {
        requireNonNull(imageId, "imageId is null");
        requireNonNull(data, "data is null");
        if (!SwiftLocations.isValidImageId(imageId)) {
            throw new IllegalArgumentException("swift store '" + storeId + "': not a usable image id: '" + imageId
                    + "'");
        }
        if (!uploading.add(imageId)) {
            throw new DuplicateObjectException("swift store '" + storeId + "': image " + imageId
                    + " is already being uploaded");
        }
        try {
            containers.ensureExist();
            if (head(imageId) != null) {
                throw new DuplicateObjectException("swift store '" + storeId + "': image " + imageId
                        + " already has an object " + config.container() + "/" + imageId);
            }
            UploadSource source = new UploadSource(storeId, imageId, data, expectedSize);
            long size = upload(imageId, source, expectedSize);
            return new StoredObject(locations.locationOf(imageId), size, Map.of());
        } finally {
            uploading.remove(imageId);
        }
    }

    private long upload(String imageId, UploadSource source, long expectedSize) {
        try {
            boolean single = expectedSize >= 0 ? expectedSize <= config.largeObjectSize() : !source.hasMore();
            if (!single) {
                return new LargeObjectUpload(storeId, config, client, uploader, imageId, source, expectedSize).run();
            }
            if (expectedSize == 0) {
                source.readToEnd();
            }
            long length = Math.max(expectedSize, 0);
            uploader.put(config.container(), imageId, source.next(length), length, true, source);
            return source.count();
        } catch (SwiftUploader.UploadFailedInSource | IOException e) {
            throw rethrowSourceFailure(source, e);
        } catch (StoreException e) {
            if (source.failure() != null) {
                throw rethrowSourceFailure(source, e);
            }
            throw e;
        }
    }

    /** The host's stream failed: its own exception goes back unchanged; an I/O failure as UncheckedIOException. */
    static RuntimeException rethrowSourceFailure(UploadSource source, Exception observed) {
        Throwable failure = source.failure();
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof IOException io) {
            return new UncheckedIOException("reading the image data failed: " + io.getMessage(), io);
        }
        if (observed instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        return (RuntimeException) observed;
    }

    @Override
    public ObjectData get(URI location, ByteRange range) {
        String imageId = imageIdOf(location);
        String what = "reading object " + config.container() + "/" + imageId;
        try {
            SwiftObject head = requireObject(imageId, location);
            long objectSize = sizeOf(head);
            GetOptions options = range == null ? GetOptions.NONE
                    : GetOptions.Builder.range(range.offset(), range.lastByte());
            long length = range == null ? objectSize : range.length();
            SwiftObject object = client.objects(config.container()).get(imageId, options);
            if (object == null) {
                throw notFound(imageId, location);
            }
            InputStream stream = object.getPayload().openStream();
            if (length > ReadAheadStream.BLOCK) {
                stream = new ReadAheadStream(stream, downloadReaders);
            }
            return new ObjectData(CheckedLengthInputStream.exactlyNamingFailures(stream, length,
                    "swift store '" + storeId + "': " + what), length, objectSize);
        } catch (IOException e) {
            throw new StoreUnavailableException("swift store '" + storeId + "': " + what + " failed: " + e, e);
        } catch (RuntimeException e) {
            throw SwiftFailures.fromJclouds(storeId, what, e, config);
        }
    }

    @Override
    public long size(URI location) {
        String imageId = imageIdOf(location);
        try {
            return sizeOf(requireObject(imageId, location));
        } catch (RuntimeException e) {
            throw SwiftFailures.fromJclouds(storeId, "reading the size of " + config.container() + "/" + imageId, e,
                    config);
        }
    }

    @Override
    public void delete(URI location) {
        String imageId = imageIdOf(location);
        String what = "deleting object " + config.container() + "/" + imageId;
        try {
            SwiftObject head = requireObject(imageId, location);
            if (isStaticLargeObject(head)) {
                // ?multipart-manifest=delete: the manifest and every segment it lists.
                var result = client.largeObjects(config.container()).delete(imageId);
                if (result != null && !result.errors().isEmpty()) {
                    throw new StoreUnavailableException("swift store '" + storeId + "': " + what + " left "
                            + result.errors().size() + " segments behind: " + result.errors());
                }
            } else {
                client.objects(config.container()).delete(imageId);
            }
        } catch (RuntimeException e) {
            throw SwiftFailures.fromJclouds(storeId, what, e, config);
        }
    }

    /**
     * Lists the image container {@value #LIST_PAGE} names at a time, each page starting after the last name of the
     * one before (Swift's marker). Only names that are image ids count; the segments of large objects live in the
     * segment container, which is not listed. A container not created yet holds nothing.
     */
    @Override
    public void list(Consumer<? super ListedObject> sink) {
        requireNonNull(sink, "sink is null");
        String what = "listing container " + config.container();
        String marker = null;
        while (true) {
            ObjectList page;
            try {
                ListContainerOptions options = new ListContainerOptions().limit(LIST_PAGE);
                page = client.objects(config.container()).list(marker == null ? options : options.marker(marker));
            } catch (RuntimeException e) {
                throw SwiftFailures.fromJclouds(storeId, what, e, config);
            }
            if (page == null || page.isEmpty()) {
                return;
            }
            for (SwiftObject object : page) {
                marker = object.getName();
                if (SwiftLocations.isValidImageId(object.getName())) {
                    sink.accept(new ListedObject(object.getName(), locations.locationOf(object.getName()),
                            sizeOf(object), object.getLastModified() == null ? Instant.EPOCH
                            : object.getLastModified().toInstant()));
                }
            }
            if (page.size() < LIST_PAGE) {
                return;
            }
        }
    }

    /**
     * Authenticates (or reuses the token) and reads the image container's metadata: Swift and its auth service both
     * answered. A container that does not exist yet is fine when the store creates it on the first upload.
     */
    @Override
    public void checkReachable() {
        String what = "checking container " + config.container();
        try {
            if (client.containers().get(config.container()) == null && !config.createContainerOnPut()) {
                throw new StoreUnavailableException("swift store '" + storeId + "': container '"
                        + config.container() + "' does not exist; create it or set "
                        + SwiftStoreConfig.CREATE_CONTAINER + " = true");
            }
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            StoreException mapped = SwiftFailures.fromJclouds(storeId, what, e, config);
            throw mapped instanceof StoreUnavailableException unavailable ? unavailable
                    : new StoreUnavailableException(mapped.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> description = new LinkedHashMap<>();
        description.put(SwiftStoreConfig.AUTH_ADDRESS, config.authAddress().toString());
        description.put(SwiftStoreConfig.AUTH_VERSION, Integer.toString(config.authVersion()));
        description.put(SwiftStoreConfig.CONTAINER, config.container());
        description.put(SwiftStoreConfig.LARGE_OBJECT_SIZE, config.largeObjectSize() / SwiftStoreConfig.MIB + " MiB");
        description.put(SwiftStoreConfig.CHUNK_SIZE, config.chunkSize() / SwiftStoreConfig.MIB + " MiB");
        config.region().ifPresent(region -> description.put(SwiftStoreConfig.REGION, region));
        return Map.copyOf(description);
    }

    @Override
    public void close() {
        try {
            downloadReaders.shutdownNow();
            uploader.close();
        } finally {
            client.close();
        }
    }

    private String imageIdOf(URI location) {
        requireNonNull(location, "location is null");
        return locations.imageIdOf(location).orElseThrow(() -> new ObjectNotFoundException("swift store '" + storeId
                + "': " + location + " is not a location of this store (container " + config.container() + ")"));
    }

    private SwiftObject head(String imageId) {
        try {
            return client.objects(config.container()).getWithoutBody(imageId);
        } catch (RuntimeException e) {
            throw SwiftFailures.fromJclouds(storeId, "looking up object " + config.container() + "/" + imageId, e,
                    config);
        }
    }

    private SwiftObject requireObject(String imageId, URI location) {
        SwiftObject head = client.objects(config.container()).getWithoutBody(imageId);
        if (head == null) {
            throw notFound(imageId, location);
        }
        return head;
    }

    private ObjectNotFoundException notFound(String imageId, URI location) {
        return new ObjectNotFoundException("swift store '" + storeId + "': no object " + config.container() + "/"
                + imageId + " (location " + location + ")");
    }

    private static long sizeOf(SwiftObject head) {
        Long length = head.getPayload().getContentMetadata().getContentLength();
        return length == null ? 0 : length;
    }

    private static boolean isStaticLargeObject(SwiftObject head) {
        for (Map.Entry<String, String> header : head.getHeaders().entries()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase("X-Static-Large-Object")) {
                return Boolean.parseBoolean(header.getValue().strip());
            }
        }
        return false;
    }
}
