package io.glance.store.s3;

import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreUnavailableException;
import io.glance.store.tck.TestingStoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * checkReachable (glance-api's {@code /healthcheck}) against the real S3 server: fine with a bucket, or without one
 * the store creates on upload; a fault naming the store when the bucket is missing, the keys are wrong or nothing
 * listens.
 */
class S3ReachabilityTest {
    private final TestS3Server server = TestS3Server.fromSystemProperties();
    private final String bucket = TestS3Server.newBucketName();

    @TempDir
    Path tmp;

    @Test
    void aBucketTheStoreWouldCreateCountsAsReachableAMissingOneDoesNot() {
        try (StoreDriver creating = driver(Map.of(S3StoreConfig.CREATE_BUCKET, "true"));
             StoreDriver strict = driver(Map.of())) {
            assertThatCode(creating::checkReachable).doesNotThrowAnyException();
            assertThatThrownBy(strict::checkReachable).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("s3 store 'obj'").hasMessageContaining("bucket " + bucket
                            + " does not exist");
        }
    }

    @Test
    void wrongKeysAndAServerThatIsGoneAreFaults() throws Exception {
        try (StoreDriver refused = driver(Map.of(S3StoreConfig.SECRET_KEY, "not-the-secret"))) {
            assertThatThrownBy(refused::checkReachable).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("s3 store 'obj'").hasMessageContaining("HTTP 403")
                    .hasMessageNotContaining("not-the-secret");
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (StoreDriver gone = driver(Map.of(S3StoreConfig.HOST, "http://127.0.0.1:" + closedPort))) {
            assertThatThrownBy(gone::checkReachable).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("s3 store 'obj'").hasMessageContaining("127.0.0.1:" + closedPort);
        }
    }

    private StoreDriver driver(Map<String, String> overrides) {
        Map<String, String> options = new HashMap<>(server.options(bucket, 5, 5));
        options.putAll(overrides);
        return new S3StoreDriverFactory().create("obj", options, new TestingStoreContext(tmp.resolve("work")));
    }
}
