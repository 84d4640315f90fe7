package io.glance.adapters.store;

import io.glance.domain.ImageLocation;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.ports.out.ConfiguredStore;
import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.ConfigKey;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriverFactory;
import io.glance.store.spi.UnsupportedCapabilityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Building the configured stores from loaded factories, and finding them again. */
class PluginStoreRegistryTest {
    @TempDir
    private Path work;

    private final FakeStoreFactory file = new FakeStoreFactory("file", Set.of("filesystem"), Set.of("file"),
            Set.of(StoreCapability.values()), List.of(
                    ConfigKey.required("filesystem_store_datadir", "Where images go."),
                    ConfigKey.optional("filesystem_store_chunk_size", "65536", "Read buffer.")));
    private final FakeStoreFactory s3 = FakeStoreFactory.readWrite("s3");
    private final FakeStoreFactory http = new FakeStoreFactory("http", Set.of(), Set.of("http", "https"),
            Set.of(StoreCapability.READ), List.of());

    @Test
    void createsOneGuardedStorePerConfigurationInOrder() {
        try (PluginStoreRegistry registry = create(
                fileStore("fast", "/fast", true),
                new StoreConfig("cheap", "s3", "Cheap and slow", Map.of(), false))) {
            assertThat(registry.stores()).extracting(ConfiguredStore::id).containsExactly("fast", "cheap");
            assertThat(registry.defaultStore().id()).isEqualTo("fast");
            assertThat(registry.multiStore()).isTrue();
            ConfiguredStore cheap = registry.store("cheap");
            assertThat(cheap.type()).isEqualTo("s3");
            assertThat(cheap.description()).isEqualTo("Cheap and slow");
            assertThat(cheap.isDefault()).isFalse();
            assertThat(cheap.capabilities()).containsExactlyInAnyOrder(StoreCapability.values());
            assertThat(cheap.driver()).isInstanceOf(GuardedStoreDriver.class);
            assertThat(cheap.driver().storeId()).isEqualTo("cheap");
        }
    }

    @Test
    void aSingleStoreIsTheDefaultAndNotMultiStore() {
        try (PluginStoreRegistry registry = create(fileStore("file", "/images", false))) {
            assertThat(registry.defaultStore().id()).isEqualTo("file");
            assertThat(registry.defaultStore().isDefault()).isTrue();
            assertThat(registry.multiStore()).isFalse();
        }
        try (PluginStoreRegistry registry = PluginStoreRegistry.create(plugins(),
                List.of(fileStore("fast", "/images", true)), contexts(), true)) {
            assertThat(registry.multiStore()).isTrue();
        }
    }

    @Test
    void dedupNeedsADriverDeclaringDedupAndImplementingLocationOf() {
        assertThatThrownBy(() -> create(fileStore("fast", "/fast", true),
                new StoreConfig("web", "http", null, Map.of(), false, true)))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("'web'").hasMessageContaining("dedup: true needs a driver that declares the "
                        + "DEDUP capability");
        // The fake driver declares every capability but predates locationOf, as a plugin built for SPI 1.5 would.
        assertThatThrownBy(() -> create(new StoreConfig("cheap", "s3", null, Map.of(), true, true)))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("'cheap'").hasMessageContaining("StoreDriver.locationOf");
        try (PluginStoreRegistry registry = create(fileStore("fast", "/fast", true))) {
            assertThat(registry.store("fast").dedup()).isFalse();
        }
    }

    @Test
    void aReadOnlyStoreCannotBeTheDefault() {
        assertThatThrownBy(() -> create(new StoreConfig("web", "http", null, Map.of(), true),
                fileStore("fast", "/fast", false)))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("'web'").hasMessageContaining("read-only");
        try (PluginStoreRegistry registry = create(fileStore("fast", "/fast", true),
                new StoreConfig("web", "http", null, Map.of(), false))) {
            assertThat(registry.store("web").readOnly()).isTrue();
        }
    }

    @Test
    void anAliasNamesTheCanonicalType() {
        try (PluginStoreRegistry registry = create(new StoreConfig("file", "filesystem", null,
                Map.of("filesystem_store_datadir", "/images"), true))) {
            assertThat(registry.defaultStore().type()).isEqualTo("file");
        }
    }

    /** The SPI passes options as configured; drivers apply their own defaults. */
    @Test
    void driversReceiveTheOptionsAsConfigured() {
        try (PluginStoreRegistry ignored = create(fileStore("file", "/images", true))) {
            assertThat(file.configsReceived).containsExactly(Map.of("filesystem_store_datadir", "/images"));
        }
    }

    @Test
    void propertiesShowEffectiveOptionsAndTheDriverDescriptionWithSecretsMasked() {
        try (PluginStoreRegistry registry = create(new StoreConfig("cheap", "s3", null,
                Map.of("s3_password", "hunter2"), true))) {
            assertThat(registry.defaultStore().properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "s3_chunk_size", "4096",
                    "s3_password", "****",
                    "endpoint", "local"));
        }
    }

    @Test
    void aSecretRepeatedByTheDriverDescriptionIsMaskedToo() {
        s3.description = Map.of("s3_password", "from-describe");

        try (PluginStoreRegistry registry = create(new StoreConfig("cheap", "s3", null, Map.of(), true))) {
            assertThat(registry.defaultStore().properties()).containsEntry("s3_password", "****");
        }
    }

    @Test
    void unknownTypeIsRefusedNamingStoreTypeAndAlternatives() {
        assertThatThrownBy(() -> create(new StoreConfig("fast", "rbd", null, Map.of(), true)))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("'fast'")
                .hasMessageContaining("'rbd'")
                .hasMessageContaining("filesystem");
    }

    @Test
    void unknownOptionIsRefusedNamingKeyAndStore() {
        assertThatThrownBy(() -> create(new StoreConfig("fast", "file", null,
                Map.of("filesystem_store_datadir", "/images", "filesystem_store_datadirs", "/a:1"), true)))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("'fast'")
                .hasMessageContaining("'filesystem_store_datadirs'");
        assertThat(file.drivers).isEmpty();
    }

    @Test
    void missingRequiredOptionIsRefused() {
        assertThatThrownBy(() -> create(new StoreConfig("fast", "file", null, Map.of(), true)))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("'fast'")
                .hasMessageContaining("'filesystem_store_datadir'");
    }

    @Test
    void inconsistentStoreListsAreRefused() {
        assertThatThrownBy(() -> PluginStoreRegistry.create(plugins(), List.of(), contexts()))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("no stores");
        assertThatThrownBy(() -> create(fileStore("a", "/a", true), fileStore("a", "/b", false)))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("'a'");
        assertThatThrownBy(() -> create(fileStore("a", "/a", true), fileStore("b", "/b", true)))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("[a, b]");
        assertThatThrownBy(() -> create(fileStore("a", "/a", false), fileStore("b", "/b", false)))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("no default store");
    }

    @Test
    void storeIdsMustBeUsableAsDirectoryNames() {
        assertThatThrownBy(() -> new StoreConfig("../etc", "file", null, Map.of(), true))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("'../etc'");
    }

    @Test
    void aFailingStoreClosesTheDriversCreatedBeforeIt() {
        s3.failure = new IllegalStateException("endpoint unreachable");

        assertThatThrownBy(() -> create(fileStore("fast", "/fast", true),
                new StoreConfig("cheap", "s3", null, Map.of(), false)))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("'cheap'")
                .hasMessageContaining("endpoint unreachable");
        assertThat(file.drivers).singleElement().satisfies(driver -> assertThat(driver.closed).isTrue());
    }

    @Test
    void closeClosesEveryDriver() {
        PluginStoreRegistry registry = create(fileStore("fast", "/fast", true),
                new StoreConfig("cheap", "s3", null, Map.of(), false));

        registry.close();

        assertThat(file.drivers.get(0).closed).isTrue();
        assertThat(s3.drivers.get(0).closed).isTrue();
    }

    @Test
    void unknownStoreIdIsInvalidInput() {
        try (PluginStoreRegistry registry = create(fileStore("fast", "/fast", true))) {
            assertThatThrownBy(() -> registry.store("slow"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'slow'");
        }
    }

    @Test
    void storeForPrefersTheRecordedStoreIdThenTheScheme() {
        try (PluginStoreRegistry registry = create(
                fileStore("local", "/local", false),
                fileStore("fast", "/fast", true),
                new StoreConfig("web", "http", null, Map.of(), false))) {
            assertThat(registry.storeFor(new ImageLocation("file:///local/abc", Map.of("store", "local"))).id())
                    .isEqualTo("local");
            assertThat(registry.storeFor(new ImageLocation("file:///elsewhere/abc", Map.of())).id())
                    .as("several stores use file:, the default is one of them").isEqualTo("fast");
            assertThat(registry.storeFor(new ImageLocation("HTTPS://example.com/image", Map.of())).id())
                    .isEqualTo("web");
            assertThatThrownBy(() -> registry.storeFor(new ImageLocation("file:///x", Map.of("store", "gone"))))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("'gone'");
            assertThatThrownBy(() -> registry.storeFor(new ImageLocation("rbd://pool/image", Map.of())))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("rbd://pool/image");
            assertThatThrownBy(() -> registry.storeFor(new ImageLocation("not a uri", Map.of())))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("'not a uri'");
        }
    }

    @Test
    void aReadOnlyStoreRefusesWritesBeforeItsDriverIsCalled() {
        try (PluginStoreRegistry registry = create(fileStore("fast", "/fast", true),
                new StoreConfig("web", "http", null, Map.of(), false))) {
            ConfiguredStore web = registry.store("web");

            assertThat(web.readOnly()).isTrue();
            assertThatThrownBy(() -> web.driver().put("img", new ByteArrayInputStream(new byte[0]), 0))
                    .isInstanceOf(UnsupportedCapabilityException.class);
            assertThat(http.drivers.get(0).calls).isZero();
        }
    }

    @Test
    void eachStoreGetsItsOwnWorkDirectory() {
        try (PluginStoreRegistry ignored = create(fileStore("fast", "/fast", true))) {
            assertThat(work.resolve("fast")).isDirectory();
        }
    }

    /** Legacy mode: one shared option set, from which the store's driver takes only its own keys. */
    @Test
    void singleStoreModePicksTheDriversOwnOptionsFromTheSharedSet() {
        StoreConfig config = StoreConfig.singleStore("filesystem", Map.of(
                "filesystem_store_datadir", "/images",
                "s3_password", "not for the file store",
                "api_port", "9292"), plugins());

        assertThat(config).isEqualTo(new StoreConfig("file", "file", null,
                Map.of("filesystem_store_datadir", "/images"), true));
        assertThatThrownBy(() -> StoreConfig.singleStore("rbd", Map.of(), plugins()))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("'rbd'");
    }

    private PluginStoreRegistry create(StoreConfig... configs) {
        return PluginStoreRegistry.create(plugins(), List.of(configs), contexts());
    }

    private StoreContextFactory contexts() {
        return StoreContextFactory.workDirectoriesUnder(work, "test");
    }

    private LoadedStorePlugins plugins() {
        return plugins(file, s3, http);
    }

    static LoadedStorePlugins plugins(StoreDriverFactory... factories) {
        StoreTypeClaims claims = new StoreTypeClaims();
        for (StoreDriverFactory factory : factories) {
            claims.claim("test", Path.of("test.jar"), StoreTypeDescription.of(factory), factory);
        }
        return new LoadedStorePlugins(List.of(), claims.factoriesByType(), claims.typesByName(), () -> { });
    }

    private static StoreConfig fileStore(String id, String datadir, boolean isDefault) {
        return new StoreConfig(id, "file", null, Map.of("filesystem_store_datadir", datadir), isDefault);
    }
}
