package io.glance.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlanceOptionsLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheOriginalOnes() {
        GlanceOptions options = GlanceOptionsLoader.load(new String[0], Map.of());
        assertThat(options.apiHost()).isEqualTo("0.0.0.0");
        assertThat(options.apiPort()).isEqualTo(9292);
        assertThat(options.defaultStore()).isEqualTo("file");
        assertThat(options.verbose()).isFalse();
        assertThat(options.imageSizeCap()).isEqualTo(1L << 40);
        assertThat(options.sqlConnection()).isNull();
        assertThat(options.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".glance"));
        assertThat(options.filesystemStoreDatadir()).isEqualTo(options.dataDir().resolve("images"));
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() throws Exception {
        Path file = dir.resolve("glance-api.yaml");
        Files.writeString(file, "api_port: 9000\napi_host: 10.0.0.1\ndefault_store: filesystem\nimage_size_cap: 2G\n");
        GlanceOptions options = GlanceOptionsLoader.load(
                new String[] {"--config-file", file.toString(), "--api_port=9100", "--verbose"},
                Map.of("GLANCE_API_PORT", "9050", "GLANCE_API_HOST", "127.0.0.1", "UNRELATED", "x"));
        assertThat(options.apiPort()).isEqualTo(9100);
        assertThat(options.apiHost()).isEqualTo("127.0.0.1");
        assertThat(options.defaultStore()).as("filesystem is an alias of file").isEqualTo("file");
        assertThat(options.imageSizeCap()).isEqualTo(2L << 30);
        assertThat(options.verbose()).isTrue();
    }

    @Test
    void filesystemStoreDatadirIsPassedToTheStore() {
        GlanceOptions options = GlanceOptionsLoader.load(
                new String[] {"--filesystem-store-datadir", dir.resolve("imgs").toString()}, Map.of());
        assertThat(options.filesystemStoreDatadir()).isEqualTo(dir.resolve("imgs"));
        assertThat(options.storeOptions()).containsEntry("filesystem_store_datadir", dir.resolve("imgs").toString());
    }

    @Test
    void databaseOptionsForSharedDatabases() {
        GlanceOptions defaults = GlanceOptionsLoader.load(new String[0], Map.of());
        assertThat(defaults.sqlConnectionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.sqlMaxPoolSize()).isEqualTo(10);
        assertThat(defaults.uploadRecoveryGrace()).isEqualTo(Duration.ofDays(1));

        GlanceOptions options = GlanceOptionsLoader.load(new String[] {"--sql_connection_timeout", "0.5",
                "--sql_max_pool_size", "4", "--upload_recovery_grace_period", "600"}, Map.of());
        assertThat(options.sqlConnectionTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.sqlMaxPoolSize()).isEqualTo(4);
        assertThat(options.uploadRecoveryGrace()).isEqualTo(Duration.ofMinutes(10));

        assertThatThrownBy(() -> GlanceOptionsLoader.load(new String[] {"--sql_connection_timeout", "0.1"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sql_connection_timeout")
                .hasMessageContaining("0.1").hasMessageContaining("0.25");
        assertThatThrownBy(() -> GlanceOptionsLoader.load(new String[] {"--sql_max_pool_size", "0"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sql_max_pool_size");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> GlanceOptionsLoader.load(new String[] {"--api_port", "http"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("api_port").hasMessageContaining("http");
        assertThatThrownBy(() -> GlanceOptionsLoader.load(new String[] {"--image_size_cap", "-1"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("image_size_cap");
        assertThatThrownBy(() -> GlanceOptionsLoader.load(new String[] {"--api_prot", "1"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("api_prot");
        assertThatThrownBy(() -> GlanceOptionsLoader.load(new String[] {"--config-file", "/nonexistent.yaml"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("/nonexistent.yaml");
        assertThatThrownBy(() -> GlanceOptionsLoader.load(new String[] {"--verbose", "maybe"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("maybe");
    }

    @Test
    void unknownKeyInTheFileIsAnError() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "api_port: 9000\nregistery_host: x\n");
        assertThatThrownBy(() -> GlanceOptionsLoader.load(new String[] {"--config-file", file.toString()}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("registery_host");
    }

    @Test
    void multiStoreSectionsGoToTheirStores() throws Exception {
        Path file = dir.resolve("multi.yaml");
        Files.writeString(file, """
                enabled_backends: "fast:filesystem, dedup:cas"
                default_backend: dedup
                fast:
                  filesystem_store_datadir: /srv/fast
                dedup:
                  cas_store_root: /srv/cas
                  store_description: Deduplicating
                """);
        GlanceOptions options = GlanceOptionsLoader.load(new String[] {"--config-file", file.toString()}, Map.of());
        assertThat(options.multiStore()).isTrue();
        assertThat(options.defaultBackend()).isEqualTo("dedup");
        assertThat(options.backends()).containsExactly(
                new GlanceOptions.Backend("fast", "file", null, Map.of("filesystem_store_datadir", "/srv/fast")),
                new GlanceOptions.Backend("dedup", "cas", "Deduplicating", Map.of("cas_store_root", "/srv/cas")));
    }

    @Test
    void multiStoreMistakesAreNamed() {
        assertThatThrownBy(() -> GlanceOptionsLoader.load(
                new String[] {"--enabled_backends", "a:file,b:file"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("default_backend");
        assertThatThrownBy(() -> GlanceOptionsLoader.load(
                new String[] {"--enabled_backends", "a:file", "--default_backend", "c"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'c'");
        assertThatThrownBy(() -> GlanceOptionsLoader.load(new String[] {"--enabled_backends", "afile"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("afile");
        assertThatThrownBy(() -> GlanceOptionsLoader.load(
                new String[] {"--enabled_backends", "a:file", "--b.filesystem_store_datadir", "/x"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("b.filesystem_store_datadir");
    }

    @Test
    void storesListsTheTypesOfSingleStoreModeWithTheDefaultAmongThem() {
        GlanceOptions options = GlanceOptionsLoader.load(new String[] {"--stores", "filesystem, http",
                "--http_store_allowed_hosts", "mirror.example.org"}, Map.of());
        assertThat(options.stores()).containsExactly("file", "http");
        assertThat(options.storeOptions()).containsEntry("http_store_allowed_hosts", "mirror.example.org");
        assertThat(GlanceOptionsLoader.load(new String[0], Map.of()).stores()).containsExactly("file");
        assertThatThrownBy(() -> GlanceOptionsLoader.load(new String[] {"--stores", "http"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("default_store 'file'");
        assertThatThrownBy(() -> GlanceOptionsLoader.load(new String[] {"--stores", "file,file"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> GlanceOptionsLoader.load(new String[] {"--stores", "file,http",
                "--enabled_backends", "a:file"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("enabled_backends");
    }
}
