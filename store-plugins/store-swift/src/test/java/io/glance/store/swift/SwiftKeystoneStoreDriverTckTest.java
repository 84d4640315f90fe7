package io.glance.store.swift;

import io.glance.store.spi.StoreException;
import io.glance.store.tck.TestingStoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole TCK again with {@code swift_store_auth_version: 3}: jclouds logs in to the real Keystone bin/test starts,
 * finds Swift in its catalog and writes through the proxy that checks Keystone tokens (bin/lib/test-keystone.sh).
 * Plus a wrong password: a clear error that names the auth URL and the user, never the password.
 */
class SwiftKeystoneStoreDriverTckTest extends SwiftStoreDriverTckTest {

    @Override
    protected SwiftTestAccount account() {
        return SwiftTestAccount.requireKeystone();
    }

    @Test
    void aWrongPasswordIsAClearErrorWithoutThePassword(@TempDir Path tmp) {
        SwiftTestAccount account = SwiftTestAccount.requireKeystone();
        String wrong = "not-the-password-" + UUID.randomUUID();
        assertThatThrownBy(() -> {
            try (var driver = new SwiftStoreDriverFactory().create("obj", Map.of(
                    "swift_store_auth_address", account.authAddress(), "swift_store_user", account.user(),
                    "swift_store_key", wrong, "swift_store_auth_version", "3",
                    "swift_store_container", "c-" + UUID.randomUUID().toString().substring(0, 8),
                    "swift_store_create_container_on_put", "true"), new TestingStoreContext(tmp))) {
                driver.put(UUID.randomUUID().toString(), new ByteArrayInputStream(new byte[] {1}), 1);
            }
        }).isInstanceOf(StoreException.class)
                .satisfies(e -> {
                    String text = e.toString() + (e.getCause() == null ? "" : e.getCause().toString());
                    assertThat(text).doesNotContain(wrong);
                    assertThat(e.getMessage()).contains(account.authAddress()).contains(account.user());
                });
    }
}
