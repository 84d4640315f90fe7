package io.glance.store.swift;

import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreUnavailableException;
import io.glance.store.tck.TestingStoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * checkReachable (glance-api's {@code /healthcheck}) against a real Swift: fine when Swift and its auth answer (a
 * container the store would create counts); a fault naming the store when the container is missing, the key is wrong
 * or nothing listens.
 */
class SwiftReachabilityTest {
    private final SwiftTestAccount account = SwiftTestAccount.require();
    private final String container = "reach-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path tmp;

    @Test
    void aContainerTheStoreWouldCreateCountsAsReachableAMissingOneDoesNot() {
        try (StoreDriver creating = driver(Map.of("swift_store_create_container_on_put", "true"));
             StoreDriver strict = driver(Map.of())) {
            assertThatCode(creating::checkReachable).doesNotThrowAnyException();
            assertThatThrownBy(strict::checkReachable).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("swift store 'sw'").hasMessageContaining("container '" + container
                            + "' does not exist");
        }
    }

    @Test
    void aWrongKeyAndAServiceThatIsGoneAreFaults() throws Exception {
        try (StoreDriver refused = driver(Map.of("swift_store_key", "not-the-key",
                "swift_store_create_container_on_put", "true"))) {
            assertThatThrownBy(refused::checkReachable).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("swift store 'sw'").hasMessageNotContaining("not-the-key");
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (StoreDriver gone = driver(Map.of("swift_store_auth_address", "http://127.0.0.1:" + closedPort
                + "/auth/v1.0", "swift_store_create_container_on_put", "true"))) {
            assertThatThrownBy(gone::checkReachable).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("swift store 'sw'");
        }
    }

    private StoreDriver driver(Map<String, String> overrides) {
        Map<String, String> options = new HashMap<>(Map.of(
                "swift_store_auth_address", account.authAddress(), "swift_store_user", account.user(),
                "swift_store_key", account.key(), "swift_store_auth_version", account.authVersion(),
                "swift_store_container", container));
        options.putAll(overrides);
        return new SwiftStoreDriverFactory().create("sw", options, new TestingStoreContext(tmp.resolve("work")));
    }
}
