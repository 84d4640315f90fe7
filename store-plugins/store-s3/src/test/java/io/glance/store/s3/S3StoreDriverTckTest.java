package io.glance.store.s3;

import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.tck.StoreDriverTck;
import io.glance.store.tck.TestingStoreContext;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The whole store driver TCK against a real S3 server (s3proxy, started by bin/test), in a fresh bucket per test.
 * Uploads from 5 MiB go multipart in 5 MiB parts, so the 64 MiB test streams 13 parts. Leftovers are the bucket's
 * objects and its unfinished multipart uploads.
 */
class S3StoreDriverTckTest extends StoreDriverTck {
    private final S3StoreDriverFactory factory = new S3StoreDriverFactory();
    private S3Client admin;
    private String bucket;
    private java.util.Map<String, String> options;

    @Override
    protected StoreDriver createDriver(Path tmp) {
        TestS3Server server = TestS3Server.fromSystemProperties();
        bucket = TestS3Server.newBucketName();
        options = server.options(bucket, 5, 5);
        admin = S3Clients.create(S3StoreConfig.parse("admin", options));
        admin.createBucket(request -> request.bucket(bucket));
        return factory.create("obj", options, new TestingStoreContext(tmp.resolve("work")));
    }

    /** The same bucket and options: createDriver would make a fresh bucket. */
    @Override
    protected StoreDriver reopenDriver(Path tmp) {
        return factory.create("obj", options, new TestingStoreContext(tmp.resolve("work")));
    }

    @AfterEach
    void removeBucket() {
        if (admin == null) {
            return;
        }
        try (S3Client s3 = admin) {
            s3.listMultipartUploads(request -> request.bucket(bucket)).uploads().forEach(upload ->
                    s3.abortMultipartUpload(request -> request.bucket(bucket).key(upload.key())
                            .uploadId(upload.uploadId())));
            s3.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().forEach(object ->
                    s3.deleteObject(request -> request.bucket(bucket).key(object.key())));
            s3.deleteBucket(request -> request.bucket(bucket));
        }
    }

    @Override
    protected Set<StoreCapability> declaredCapabilities() {
        return factory.capabilities();
    }

    @Override
    protected List<String> listStoredNames() {
        List<String> names = new ArrayList<>();
        admin.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
                .map(S3Object::key).forEach(names::add);
        admin.listMultipartUploads(request -> request.bucket(bucket)).uploads()
                .forEach(upload -> names.add("multipart:" + upload.key() + ":" + upload.uploadId()));
        return names;
    }

    @Override
    protected URI absentLocation(String imageId) {
        return URI.create("s3://" + bucket + "/" + imageId);
    }
}
