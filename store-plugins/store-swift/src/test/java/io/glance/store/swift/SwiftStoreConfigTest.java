package io.glance.store.swift;

import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.ConfigKey;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pins every default and option mapping of the Swift store, and the messages of refused options. */
class SwiftStoreConfigTest {

    private static final Map<String, String> MINIMAL = Map.of(
            "swift_store_auth_address", "http://127.0.0.1:8080/auth/v1.0",
            "swift_store_user", "test:tester",
            "swift_store_key", "testing");

    @Test
    void defaults() {
        SwiftStoreConfig config = SwiftStoreConfig.parse("obj", MINIMAL);

        assertThat(config).isEqualTo(new SwiftStoreConfig(URI.create("http://127.0.0.1:8080/auth/v1.0"),
                "test:tester", "testing", 1, Optional.empty(), "Default", "Default", "glance", false,
                5120L * 1024 * 1024, 200L * 1024 * 1024, Duration.ofSeconds(60)));
        assertThat(config.segmentContainer()).isEqualTo("glance_segments");
    }

    @Test
    void everyOption() {
        Map<String, String> options = new HashMap<>(MINIMAL);
        options.putAll(Map.of(
                "swift_store_auth_version", "3",
                "swift_store_region", "RegionOne",
                "swift_store_project_domain_name", "pd",
                "swift_store_user_domain_name", "ud",
                "swift_store_container", "images",
                "swift_store_create_container_on_put", "True",
                "swift_store_large_object_size", "100",
                "swift_store_large_object_chunk_size", "10",
                "swift_store_timeout", "5"));

        assertThat(SwiftStoreConfig.parse("obj", options)).isEqualTo(new SwiftStoreConfig(
                URI.create("http://127.0.0.1:8080/auth/v1.0"), "test:tester", "testing", 3, Optional.of("RegionOne"),
                "pd", "ud", "images", true, 100L * 1024 * 1024, 10L * 1024 * 1024, Duration.ofSeconds(5)));
    }

    @Test
    void onlyTheKeyIsSecretAndTheAuthAddressIsRequired() {
        assertThat(SwiftStoreConfig.KEYS).filteredOn(ConfigKey::secret).extracting(ConfigKey::name)
                .containsExactly("swift_store_key");
        assertThat(SwiftStoreConfig.KEYS).filteredOn(ConfigKey::required).extracting(ConfigKey::name)
                .containsExactlyInAnyOrder("swift_store_auth_address", "swift_store_user");
    }

    @Test
    void missingKeyIsNamed() {
        Map<String, String> options = new HashMap<>(MINIMAL);
        options.remove("swift_store_key");

        assertThatThrownBy(() -> SwiftStoreConfig.parse("obj", options))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessage("swift store 'obj': option 'swift_store_key' is required");
    }

    @Test
    void unusableValuesAreNamed() {
        assertRefused("swift_store_auth_version", "2", "Keystone v2 is gone");
        assertRefused("swift_store_large_object_chunk_size", "0", "option 'swift_store_large_object_chunk_size' value '0' is outside 1..5120");
        assertRefused("swift_store_large_object_size", "big", "value 'big' is not a whole number");
        assertRefused("swift_store_create_container_on_put", "maybe", "value 'maybe' is not a boolean");
        assertRefused("swift_store_container", "a/b", "value 'a/b' is not a Swift container name");
        assertRefused("swift_store_auth_address", "ftp://host/", "value 'ftp://host/' is not an http:// or https:// URL");
        assertRefused("swift_store_typo", "1", "unknown option 'swift_store_typo'");
    }

    @Test
    void keystoneV3NeedsProjectColonUser() {
        Map<String, String> options = new HashMap<>(MINIMAL);
        options.put("swift_store_auth_version", "3");
        options.put("swift_store_user", "glance");

        assertThatThrownBy(() -> SwiftStoreConfig.parse("obj", options))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessage("swift store 'obj': option 'swift_store_user' value 'glance' is not project:user, "
                        + "which auth version 3 needs");
        options.put("swift_store_user", "service:glance");
        assertThat(SwiftStoreConfig.parse("obj", options).user()).isEqualTo("service:glance");
    }

    @Test
    void credentialsInTheAuthAddressAreRefusedWithoutEchoingThem() {
        Map<String, String> options = new HashMap<>(MINIMAL);
        options.put("swift_store_auth_address", "http://test:s3cr3t@127.0.0.1:8080/auth/v1.0");

        assertThatThrownBy(() -> SwiftStoreConfig.parse("obj", options))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining("s3cr3t");
    }

    private static void assertRefused(String key, String value, String message) {
        Map<String, String> options = new HashMap<>(MINIMAL);
        options.put(key, value);
        assertThatThrownBy(() -> SwiftStoreConfig.parse("obj", options))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageStartingWith("swift store 'obj': ")
                .hasMessageContaining(message);
    }
}
