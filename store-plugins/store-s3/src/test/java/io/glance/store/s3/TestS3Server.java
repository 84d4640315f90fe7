package io.glance.store.s3;

import org.junit.jupiter.api.Assumptions;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.fail;

/**
 * The real S3 server bin/test starts (s3proxy), named by system properties. Without them the tests are skipped on a
 * developer's machine and fail in CI ({@code CI=true}), where a missing server means the set-up is broken.
 */
record TestS3Server(URI endpoint, String accessKey, String secretKey) {

    static final String ENDPOINT_PROPERTY = "glance.test.s3.endpoint";

    static TestS3Server fromSystemProperties() {
        String endpoint = System.getProperty(ENDPOINT_PROPERTY, "");
        if (endpoint.isBlank()) {
            String message = "No S3 server to test against: run bin/test, which starts s3proxy and passes -D"
                    + ENDPOINT_PROPERTY + ", glance.test.s3.access_key and glance.test.s3.secret_key";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return new TestS3Server(URI.create(endpoint), System.getProperty("glance.test.s3.access_key", ""),
                System.getProperty("glance.test.s3.secret_key", ""));
    }

    static String newBucketName() {
        return "glance-test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** Store options for {@code bucket}, with part sizes small enough to exercise multipart on test-sized images. */
    Map<String, String> options(String bucket, int largeObjectMib, int chunkMib) {
        return Map.of(S3StoreConfig.HOST, endpoint.toString(), S3StoreConfig.ACCESS_KEY, accessKey,
                S3StoreConfig.SECRET_KEY, secretKey, S3StoreConfig.BUCKET, bucket,
                S3StoreConfig.URL_FORMAT, "path",
                S3StoreConfig.LARGE_OBJECT_SIZE, Integer.toString(largeObjectMib),
                S3StoreConfig.CHUNK_SIZE, Integer.toString(chunkMib));
    }
}
