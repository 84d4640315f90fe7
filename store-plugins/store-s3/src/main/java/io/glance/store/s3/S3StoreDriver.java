package io.glance.store.s3;

import io.glance.store.spi.ByteRange;
import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.ListedObject;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoreException;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;
import io.glance.store.toolkit.CheckedLengthInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * One S3 store. Objects are named by image id in the configured bucket; uploads check for an existing object first
 * (HEAD) and refuse a second concurrent upload of the same image in this process.
 */
final class S3StoreDriver implements StoreDriver {
    /** Keys per listing request: S3's maximum, so a bucket of n images takes n / 1000 requests. */
    private static final int LIST_PAGE = 1000;

    private final String storeId;
    private final S3StoreConfig config;
    private final S3Client s3;
    private final Set<String> uploading = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean bucketChecked = new AtomicBoolean();

    S3StoreDriver(String storeId, S3StoreConfig config, S3Client s3) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.config = requireNonNull(config, "config is null");
        this.s3 = requireNonNull(s3, "s3 is null");
    }

    @Override
    public String storeId() {
        return storeId;
    }

    @Override
    public URI locationOf(String imageId) {
        return new S3Location(config.bucket(), requireNonNull(imageId, "imageId is null")).toUri();
    }

    @Override
    public StoredObject put(String imageId, InputStream data, long expectedSize) {
        requireNonNull(imageId, "imageId is null");
        requireNonNull(data, "data is null");
        S3Location location = new S3Location(config.bucket(), imageId);
        if (!uploading.add(imageId)) {
            throw duplicate(location);
        }
        try {
            ensureBucket();
            if (exists(location)) {
                throw duplicate(location);
            }
            UploadSource source = new UploadSource(storeId, imageId, data);
            long size;
            if (expectedSize >= 0 && expectedSize <= config.partSize() && expectedSize < config.largeObjectSize()) {
                size = putFromBuffer(location, source, (int) expectedSize);
            } else if (expectedSize >= 0 && expectedSize < config.largeObjectSize()) {
                size = putSingle(location, source, expectedSize);
            } else if (expectedSize >= 0) {
                size = multipart(location).runStreaming(source, expectedSize);
            } else {
                size = multipart(location).run(source);
            }
            return new StoredObject(location.toUri(), size, Map.of());
        } finally {
            uploading.remove(imageId);
        }
    }

    /**
     * An object no larger than one part is read into a buffer first: a client failure or size mismatch (found by the
     * host's stream) then never reaches the server as a cut request (which some servers, s3proxy's filesystem backend among them, keep as junk).
     */
    private long putFromBuffer(S3Location location, UploadSource source, int size) {
        byte[] buffer = new byte[size];
        int filled = source.fill(buffer);
        source.readToEnd();
        putBuffered(location, buffer, filled);
        return filled;
    }

    /** Streams an object larger than one part (but below the multipart threshold) in one PUT. */
    private long putSingle(S3Location location, UploadSource source, long size) {
        AtomicBoolean opened = new AtomicBoolean();
        try {
            s3.putObject(request -> request.bucket(location.bucket()).key(location.key()).contentLength(size),
                    RequestBody.fromContentProvider(() -> {
                        if (!opened.compareAndSet(false, true)) {
                            throw new IllegalStateException("the upload of " + location.key() + " cannot be replayed");
                        }
                        return source.upTo(size);
                    }, size, "application/octet-stream"));
        } catch (RuntimeException e) {
            removeAfterFailedPut(location, e);
            throw source.failure() != null ? source.failure() : mapped("put " + location.toUri(), e);
        }
        return size;
    }

    /** A whole object already in memory (an upload of unknown size that fit in the first part buffer). */
    private void putBuffered(S3Location location, byte[] buffer, int length) {
        try {
            s3.putObject(request -> request.bucket(location.bucket()).key(location.key()).contentLength((long) length),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                            "application/octet-stream"));
        } catch (SdkException e) {
            throw S3Errors.map(storeId, "put " + location.toUri(), e);
        }
    }

    private MultipartUpload multipart(S3Location location) {
        return new MultipartUpload(storeId, s3, location, config.partSize(), this::putBuffered);
    }

    /** A server may keep what it received of a cut request; the object did not exist before this upload. */
    private void removeAfterFailedPut(S3Location location, RuntimeException failure) {
        try {
            if (exists(location)) {
                s3.deleteObject(request -> request.bucket(location.bucket()).key(location.key()));
            }
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    @Override
    public ObjectData get(URI location, ByteRange range) {
        S3Location object = S3Location.parse(location, config.bucket());
        String what = "get " + object.toUri();
        if (range != null && range.length() == 0) {
            return new ObjectData(InputStream.nullInputStream(), 0, size(location));
        }
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(object.bucket()).key(object.key());
        if (range != null) {
            request.range("bytes=" + range.offset() + "-" + range.lastByte());
        }
        ResponseInputStream<GetObjectResponse> body;
        try {
            body = s3.getObject(request.build());
        } catch (SdkException e) {
            throw S3Errors.map(storeId, what, e);
        }
        GetObjectResponse response = body.response();
        long length = response.contentLength() == null ? -1 : response.contentLength();
        long objectSize = range == null ? length : ContentRange.totalSize(response.contentRange());
        long expected = range == null ? length : range.length();
        if (length < 0 || objectSize < 0 || length != expected) {
            body.abort();
            throw new io.glance.store.spi.StoreUnavailableException("s3 store '" + storeId + "': " + what
                    + (range == null ? "" : " range " + range.offset() + "+" + range.length())
                    + ": unexpected response (Content-Length " + response.contentLength() + ", Content-Range "
                    + response.contentRange() + ")");
        }
        return new ObjectData(CheckedLengthInputStream.exactly(body, length, what), length, objectSize);
    }

    @Override
    public long size(URI location) {
        S3Location object = S3Location.parse(location, config.bucket());
        try {
            return s3.headObject(request -> request.bucket(object.bucket()).key(object.key())).contentLength();
        } catch (SdkException e) {
            throw S3Errors.map(storeId, "size of " + object.toUri(), e);
        }
    }

    @Override
    public void delete(URI location) {
        S3Location object = S3Location.parse(location, config.bucket());
        // S3 answers 204 for absent keys too; the SPI wants "already gone" reported.
        size(location);
        try {
            s3.deleteObject(request -> request.bucket(object.bucket()).key(object.key()));
        } catch (SdkException e) {
            throw S3Errors.map(storeId, "delete " + object.toUri(), e);
        }
    }

    /**
     * Lists the bucket a page (at most 1,000 keys, S3's own limit) at a time. Keys holding a {@code /} are not
     * image objects of this store (its locations cannot name them) and are left out; so are unfinished multipart
     * uploads, which S3 does not list as objects. A bucket not created yet holds nothing.
     */
    @Override
    public void list(Consumer<? super ListedObject> sink) {
        requireNonNull(sink, "sink is null");
        String what = "list bucket " + config.bucket();
        Iterator<S3Object> objects;
        try {
            objects = s3.listObjectsV2Paginator(request -> request.bucket(config.bucket()).maxKeys(LIST_PAGE))
                    .contents().iterator();
            while (objects.hasNext()) {
                S3Object object = objects.next();
                if (object.key().isEmpty() || object.key().contains("/")) {
                    continue;
                }
                S3Location location = new S3Location(config.bucket(), object.key());
                sink.accept(new ListedObject(object.key(), location.toUri(), object.size() == null ? 0 : object.size(),
                        object.lastModified() == null ? Instant.EPOCH : object.lastModified()));
            }
        } catch (NoSuchBucketException e) {
            return;
        } catch (SdkException e) {
            throw S3Errors.map(storeId, what, e);
        }
    }

    /**
     * One HEAD of the bucket: any answer but a refusal or a server error means S3 is there. A bucket that does not
     * exist yet is fine when the store creates it on the first upload, and a fault otherwise.
     */
    @Override
    public void checkReachable() {
        try {
            s3.headBucket(request -> request.bucket(config.bucket()));
        } catch (SdkException e) {
            if (S3Errors.isNotFound(e) && config.createBucketOnPut()) {
                return;
            }
            String reason = S3Errors.isNotFound(e) ? "bucket " + config.bucket() + " does not exist"
                    : S3Errors.reason(e);
            throw new io.glance.store.spi.StoreUnavailableException("s3 store '" + storeId + "': "
                    + config.endpoint() + " bucket " + config.bucket() + " is not usable: " + reason, e);
        }
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("s3_store_host", config.endpoint().toString(), "s3_store_bucket", config.bucket(),
                "s3_store_large_object_size", Long.toString(config.largeObjectSize() / (1024 * 1024)),
                "s3_store_large_object_chunk_size", Long.toString(config.partSize() / (1024 * 1024)));
    }

    @Override
    public void close() {
        s3.close();
    }

    private boolean exists(S3Location location) {
        try {
            s3.headObject(request -> request.bucket(location.bucket()).key(location.key()));
            return true;
        } catch (SdkException e) {
            if (S3Errors.isNotFound(e)) {
                return false;
            }
            throw S3Errors.map(storeId, "check for " + location.toUri(), e);
        }
    }

    private void ensureBucket() {
        if (!config.createBucketOnPut() || bucketChecked.get()) {
            return;
        }
        try {
            s3.headBucket(request -> request.bucket(config.bucket()));
        } catch (SdkException e) {
            if (!S3Errors.isNotFound(e)) {
                throw S3Errors.map(storeId, "check bucket " + config.bucket(), e);
            }
            try {
                s3.createBucket(request -> request.bucket(config.bucket()));
            } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException ignored) {
                // created meanwhile by another upload
            } catch (SdkException created) {
                throw S3Errors.map(storeId, "create bucket " + config.bucket(), created);
            }
        }
        bucketChecked.set(true);
    }

    private StoreException mapped(String what, RuntimeException e) {
        if (e instanceof SdkException sdk) {
            return S3Errors.map(storeId, what, sdk);
        }
        if (e instanceof StoreException store) {
            return store;
        }
        return new io.glance.store.spi.StoreUnavailableException("s3 store '" + storeId + "': " + what
                + " failed: " + S3Errors.reason(e), e);
    }

    private DuplicateObjectException duplicate(S3Location location) {
        return new DuplicateObjectException("s3 store '" + storeId + "': an object for image " + location.key()
                + " already exists at " + location.toUri());
    }
}
