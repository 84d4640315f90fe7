package io.glance.server;

import io.glance.config.Option;
import io.glance.config.OptionValues;
import io.glance.server.config.AuthSettings;
import io.glance.server.config.ServerSettings;
import io.glance.server.config.StoreSettings;
import io.glance.http.ApiSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commented samples in etc/ are what operators copy: each must load without an unknown option, and the
 * single-store sample must state the real defaults (it says so in its header).
 */
class SampleConfigurationsTest {
    private static final Path ETC = Path.of("..", "etc");

    @Test
    void singleStoreSampleLoadsAndStatesTheDefaults() {
        OptionValues sample = load("glance-api.yaml");
        assertStatesTheDefaults(sample);
        assertThat(sample.asMap().keySet()).as("the single-store sample sets no store option")
                .allMatch(key -> HostOptions.OPTIONS.stream().anyMatch(option -> option.name().equals(key))
                        || HostOptions.SECTIONS.stream().anyMatch(section -> section.options().stream()
                        .anyMatch(option -> (section.name() + "." + option.name()).equals(key))));
    }

    @Test
    void multiStoreSampleLoadsWithItsFourStores() {
        OptionValues sample = load("glance-api-multistore.yaml");
        StoreSettings stores = StoreSettings.from(sample);
        assertThat(stores.multiStore()).isTrue();
        assertThat(stores.defaultBackend()).isEqualTo("local");
        assertThat(stores.backends()).extracting(StoreSettings.Backend::id, StoreSettings.Backend::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("local", "file"),
                        org.assertj.core.groups.Tuple.tuple("swift", "swift"),
                        org.assertj.core.groups.Tuple.tuple("s3", "s3"),
                        org.assertj.core.groups.Tuple.tuple("web", "http"));
        assertThat(ApiSettings.from(sample).showMultipleLocations()).isTrue();
        assertThat(stores.backends().get(1).options()).containsEntry("swift_store_container", "glance")
                .containsEntry("swift_store_large_object_size", "5120");
    }

    @Test
    void registrySampleLoadsAndStatesTheRegistryDefaults() {
        OptionValues sample = load("glance-registry.yaml");
        ServerSettings server = ServerSettings.from(sample);
        assertThat(server.registryHost()).isEqualTo("0.0.0.0");
        assertThat(server.registryPort()).isEqualTo(9191);
        assertStatesTheDefaults(sample);
    }

    /** Every host option the sample sets has its declared default. */
    private static void assertStatesTheDefaults(OptionValues sample) {
        OptionValues defaults = HostOptionsTest.load(new String[0], Map.of());
        for (Option<?> option : HostOptions.OPTIONS) {
            assertThat(sample.get(option)).as(option.name()).isEqualTo(defaults.get(option));
        }
    }

    @Test
    void keystoneSampleLoadsWithItsServiceUser() {
        AuthSettings sample = AuthSettings.from(load("glance-api-keystone.yaml"));
        assertThat(sample.keystoneAuth()).isTrue();
        assertThat(sample.keystone().authUrl()).hasToString("http://keystone.internal:5000/v3");
        assertThat(sample.keystone().wwwAuthenticateUri()).hasToString("http://keystone.example.org:5000");
        assertThat(sample.keystone().username()).isEqualTo("glance");
        assertThat(sample.keystone().projectName()).isEqualTo("service");
        assertThat(sample.keystone().tokenCacheTime()).hasSeconds(300);
    }

    private static OptionValues load(String name) {
        return HostOptionsTest.load(new String[] {"--config-file", ETC.resolve(name).toString()}, Map.of());
    }
}
