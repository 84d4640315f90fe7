package io.glance.server.config;

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
        GlanceOptions sample = load("glance-api.yaml");
        GlanceOptions defaults = GlanceOptionsLoader.load(new String[0], Map.of());
        assertThat(sample).isEqualTo(defaults);
    }

    @Test
    void multiStoreSampleLoadsWithItsFourStores() {
        GlanceOptions sample = load("glance-api-multistore.yaml");
        assertThat(sample.multiStore()).isTrue();
        assertThat(sample.defaultBackend()).isEqualTo("local");
        assertThat(sample.backends()).extracting(GlanceOptions.Backend::id, GlanceOptions.Backend::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("local", "file"),
                        org.assertj.core.groups.Tuple.tuple("swift", "swift"),
                        org.assertj.core.groups.Tuple.tuple("s3", "s3"),
                        org.assertj.core.groups.Tuple.tuple("web", "http"));
        assertThat(sample.showMultipleLocations()).isTrue();
        assertThat(sample.backends().get(1).options()).containsEntry("swift_store_container", "glance")
                .containsEntry("swift_store_large_object_size", "5120");
    }

    private static GlanceOptions load(String name) {
        return GlanceOptionsLoader.load(new String[] {"--config-file", ETC.resolve(name).toString()}, Map.of());
    }
}
