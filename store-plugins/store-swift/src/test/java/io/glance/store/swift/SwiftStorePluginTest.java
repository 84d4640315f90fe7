package io.glance.store.swift;

import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.tck.TestingStoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The factory describes itself, and a driver is created and closed without contacting Swift. */
class SwiftStorePluginTest {

    @Test
    void createsAndClosesADriverWithoutContactingSwift(@TempDir Path tmp) {
        SwiftStoreDriverFactory factory = new SwiftStoreDriverFactory();
        assertThat(factory.type()).isEqualTo("swift");
        assertThat(factory.schemes()).containsExactlyInAnyOrder("swift", "swift+http", "swift+https");
        assertThat(factory.capabilities()).containsExactlyInAnyOrder(StoreCapability.READ,
                StoreCapability.READ_RANGE, StoreCapability.WRITE, StoreCapability.DELETE, StoreCapability.LIST,
                StoreCapability.DEDUP);

        try (StoreDriver driver = factory.create("obj", Map.of(
                        "swift_store_auth_address", "http://127.0.0.1:9/auth/v1.0",
                        "swift_store_user", "test:tester",
                        "swift_store_key", "s3cr3t"),
                new TestingStoreContext(tmp))) {
            assertThat(driver.storeId()).isEqualTo("obj");
            assertThat(driver.describe()).containsEntry("swift_store_container", "glance")
                    .containsEntry("swift_store_auth_address", "http://127.0.0.1:9/auth/v1.0");
            assertThat(driver.describe().toString()).doesNotContain("s3cr3t");
        }
    }
}
