package io.glance.server;

import io.glance.adapters.db.DatabaseSettings;
import io.glance.application.InterruptedUploadRecovery;
import io.glance.application.UploadLimits;
import io.glance.config.ConfigurationException;
import io.glance.config.OptionValues;
import io.glance.adapters.keystone.KeystoneSettings;
import io.glance.server.config.AuthSettings;
import io.glance.server.config.ServerSettings;
import io.glance.server.config.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Options from flags, environment and file, checked against the host's declarations and the keys of the store
 * plugins the build assembles (loaded for real from {@code glance.test.pluginsDir}).
 */
class HostOptionsTest {
    private static Set<String> pluginKeys;

    @TempDir
    Path dir;

    static OptionValues load(String[] args, Map<String, String> environment) {
        return HostOptions.load(args, environment, pluginsDir -> bundledPluginKeys());
    }

    static synchronized Set<String> bundledPluginKeys() {
        if (pluginKeys == null) {
            pluginKeys = StoreSetup.configKeysIn(Path.of(System.getProperty("glance.test.pluginsDir")));
        }
        return pluginKeys;
    }

    @Test
    void defaultsAreTheOriginalOnes() {
        OptionValues options = load(new String[0], Map.of());
        ServerSettings server = ServerSettings.from(options);
        assertThat(server.apiHost()).isEqualTo("0.0.0.0");
        assertThat(server.apiPort()).isEqualTo(9292);
        assertThat(StoreSettings.from(options).defaultStore()).isEqualTo("file");
        assertThat(server.verbose()).isFalse();
        assertThat(UploadLimits.from(options).imageSizeCap()).isEqualTo(1L << 40);
        assertThat(options.get(DatabaseSettings.SQL_CONNECTION)).isNull();
        assertThat(server.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".glance"));
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() throws Exception {
        Path file = dir.resolve("glance-api.yaml");
        Files.writeString(file, "api_port: 9000\napi_host: 10.0.0.1\ndefault_store: filesystem\nimage_size_cap: 2G\n");
        OptionValues options = load(
                new String[] {"--config-file", file.toString(), "--api_port=9100", "--verbose"},
                Map.of("GLANCE_API_PORT", "9050", "GLANCE_API_HOST", "127.0.0.1", "UNRELATED", "x"));
        ServerSettings server = ServerSettings.from(options);
        assertThat(server.apiPort()).isEqualTo(9100);
        assertThat(server.apiHost()).isEqualTo("127.0.0.1");
        assertThat(StoreSettings.from(options).defaultStore()).as("filesystem is an alias of file").isEqualTo("file");
        assertThat(UploadLimits.from(options).imageSizeCap()).isEqualTo(2L << 30);
        assertThat(server.verbose()).isTrue();
    }

    @Test
    void environmentVariablesOfNoOptionAreIgnoredButFileKeysAreNot() throws Exception {
        OptionValues options = load(new String[0], Map.of("GLANCE_TEST_MARIADB_PORT", "3306"));
        assertThat(options.text("test_mariadb_port")).isEmpty();
        Path file = dir.resolve("glance-api.yaml");
        Files.writeString(file, "test_mariadb_port: 3306\n");
        assertThatThrownBy(() -> load(new String[] {"--config-file", file.toString()},
                Map.of("GLANCE_TEST_MARIADB_PORT", "3306")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("test_mariadb_port");
    }

    @Test
    void filesystemStoreDatadirIsPassedToTheStore() {
        OptionValues options = load(
                new String[] {"--filesystem-store-datadir", dir.resolve("imgs").toString()}, Map.of());
        assertThat(StoreSettings.from(options).topLevelOptions())
                .containsEntry("filesystem_store_datadir", dir.resolve("imgs").toString());
    }

    @Test
    void databaseOptionsForSharedDatabases() {
        OptionValues defaults = load(new String[0], Map.of());
        assertThat(defaults.get(DatabaseSettings.SQL_CONNECTION_TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.get(DatabaseSettings.SQL_MAX_POOL_SIZE)).isEqualTo(10);
        assertThat(defaults.get(InterruptedUploadRecovery.GRACE_PERIOD)).isEqualTo(Duration.ofDays(1));

        OptionValues options = load(new String[] {"--sql_connection_timeout", "0.5",
                "--sql_max_pool_size", "4", "--upload_recovery_grace_period", "600"}, Map.of());
        assertThat(options.get(DatabaseSettings.SQL_CONNECTION_TIMEOUT)).isEqualTo(Duration.ofMillis(500));
        assertThat(options.get(DatabaseSettings.SQL_MAX_POOL_SIZE)).isEqualTo(4);
        assertThat(options.get(InterruptedUploadRecovery.GRACE_PERIOD)).isEqualTo(Duration.ofMinutes(10));

        assertThatThrownBy(() -> load(new String[] {"--sql_connection_timeout", "0.1"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sql_connection_timeout")
                .hasMessageContaining("0.1").hasMessageContaining("0.25");
        assertThatThrownBy(() -> load(new String[] {"--sql_max_pool_size", "0"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sql_max_pool_size");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> load(new String[] {"--api_port", "http"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("api_port").hasMessageContaining("http");
        assertThatThrownBy(() -> load(new String[] {"--image_size_cap", "-1"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("image_size_cap");
        assertThatThrownBy(() -> load(new String[] {"--api_prot", "1"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("api_prot");
        assertThatThrownBy(() -> load(new String[] {"--config-file", "/nonexistent.yaml"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("/nonexistent.yaml");
        assertThatThrownBy(() -> load(new String[] {"--verbose", "maybe"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("maybe");
        assertThatThrownBy(() -> load(new String[] {"--registry_port", "70000"}, Map.of()))
                .as("each option's own name, not api_port's").isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("registry_port").hasMessageContaining("70000");
        assertThatThrownBy(() -> load(new String[] {"--data_api", "glance.db.sqlalchemy.api"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("data_api")
                .hasMessageContaining("database or registry");
    }

    @Test
    void badValuesInTheEnvironmentAreNamedToo() {
        assertThatThrownBy(() -> load(new String[0], Map.of("GLANCE_SQL_MAX_POOL_SIZE", "many")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sql_max_pool_size")
                .hasMessageContaining("many");
    }

    @Test
    void unknownKeyInTheFileIsAnError() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "api_port: 9000\nregistery_host: x\n");
        assertThatThrownBy(() -> load(new String[] {"--config-file", file.toString()}, Map.of()))
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
        StoreSettings stores = StoreSettings.from(load(new String[] {"--config-file", file.toString()}, Map.of()));
        assertThat(stores.multiStore()).isTrue();
        assertThat(stores.defaultBackend()).isEqualTo("dedup");
        assertThat(stores.backends()).containsExactly(
                new StoreSettings.Backend("fast", "file", null, Map.of("filesystem_store_datadir", "/srv/fast")),
                new StoreSettings.Backend("dedup", "cas", "Deduplicating", Map.of("cas_store_root", "/srv/cas")));
    }

    @Test
    void multiStoreMistakesAreNamed() {
        assertThatThrownBy(() -> load(new String[] {"--enabled_backends", "a:file,b:file"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("default_backend");
        assertThatThrownBy(() -> load(new String[] {"--enabled_backends", "a:file", "--default_backend", "c"},
                Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'c'");
        assertThatThrownBy(() -> load(new String[] {"--enabled_backends", "afile"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("afile");
        assertThatThrownBy(() -> load(
                new String[] {"--enabled_backends", "a:file", "--b.filesystem_store_datadir", "/x"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("b.filesystem_store_datadir");
    }

    @Test
    void storesListsTheTypesOfSingleStoreModeWithTheDefaultAmongThem() {
        OptionValues options = load(new String[] {"--stores", "filesystem, http",
                "--http_store_allowed_hosts", "mirror.example.org"}, Map.of());
        assertThat(StoreSettings.from(options).stores()).containsExactly("file", "http");
        assertThat(StoreSettings.from(options).topLevelOptions())
                .containsEntry("http_store_allowed_hosts", "mirror.example.org");
        assertThat(StoreSettings.from(load(new String[0], Map.of())).stores()).containsExactly("file");
        assertThatThrownBy(() -> load(new String[] {"--stores", "http"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("default_store 'file'");
        assertThatThrownBy(() -> load(new String[] {"--stores", "file,file"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> load(new String[] {"--stores", "file,http",
                "--enabled_backends", "a:file"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("enabled_backends");
    }

    @Test
    void anyLoadedPluginsOptionsWorkAtTheTopLevelInSingleStoreMode() {
        // Swift and S3 options were refused here before the host asked the plugins for their keys.
        OptionValues options = load(new String[] {"--default_store", "swift",
                "--swift_store_auth_address", "http://keystone:5000/v3", "--s3_store_bucket", "images"},
                Map.of("GLANCE_SWIFT_STORE_CONTAINER", "glance-images"));
        assertThat(StoreSettings.from(options).topLevelOptions())
                .containsEntry("swift_store_auth_address", "http://keystone:5000/v3")
                .containsEntry("swift_store_container", "glance-images")
                .containsEntry("s3_store_bucket", "images");
    }

    @Test
    void storeOptionsAtTheTopLevelInMultiStoreModeAreRefusedWithTheSectionToUse() {
        assertThatThrownBy(() -> load(new String[] {"--enabled_backends", "fast:file",
                "--filesystem_store_datadir", "/srv"}, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'filesystem_store_datadir'")
                .hasMessageContaining("fast.filesystem_store_datadir");
    }

    @Test
    void aThirdPartyImportPluginGetsTheSectionNamedAfterItAndOnlyAnEnabledOneHasOne() {
        OptionValues values = load(new String[] {"--image_import_opts.image_import_plugins", "no_op,stamp",
            "--stamp.greeting", "hello", "--inject_metadata_properties.inject", "a:b"}, Map.of());

        assertThat(ImportPluginSteps.pluginConfig(values, "stamp")).isEqualTo(Map.of("greeting", "hello"));
        assertThat(ImportPluginSteps.pluginConfig(values, "inject_image_metadata")).containsEntry("inject", "a:b");
        assertThat(ImportPluginSteps.pluginConfig(values, "no_op")).isEmpty();
        assertThatThrownBy(() -> load(new String[] {"--stamp.greeting", "hello"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("stamp.greeting");
    }

    @Test
    void withoutPluginsOnlyHostOptionsAreKnown() {
        assertThatThrownBy(() -> HostOptions.load(new String[] {"--filesystem_store_datadir", "/srv"}, Map.of(),
                pluginsDir -> Set.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("filesystem_store_datadir");
    }

    @Test
    void authStrategyIsNoauthByDefaultAndKeystoneTakesItsSectionFromTheFileOrFlags() throws Exception {
        assertThat(AuthSettings.from(load(new String[0], Map.of())).keystoneAuth()).isFalse();
        Path file = dir.resolve("keystone.yaml");
        Files.writeString(file, """
                auth_strategy: keystone
                keystone_authtoken:
                  www_authenticate_uri: http://keystone.example:5000
                  auth_url: http://keystone.internal:5000
                  username: glance
                  password: secret
                  project_name: service
                  user_domain_name: Default
                  project_domain_name: Default
                  region_name: RegionOne
                """);
        KeystoneSettings keystone = AuthSettings.from(load(new String[] {"--config-file", file.toString(),
                "--keystone_authtoken.token_cache_time", "5", "--keystone_authtoken.http_connect_timeout", "2.5"},
                Map.of())).keystone();
        assertThat(keystone.authUrl()).hasToString("http://keystone.internal:5000/v3");
        assertThat(keystone.wwwAuthenticateUri()).hasToString("http://keystone.example:5000");
        assertThat(keystone.username()).isEqualTo("glance");
        assertThat(keystone.regionName()).isEqualTo("RegionOne");
        assertThat(keystone.tokenCacheTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(keystone.httpConnectTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(keystone.toString()).doesNotContain("secret");
    }

    @Test
    void keystoneOptionsAreCheckedAndNamed() {
        assertThatThrownBy(() -> load(new String[] {"--auth_strategy", "kerberos"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("kerberos");
        assertThatThrownBy(() -> AuthSettings.from(load(new String[] {"--auth_strategy", "keystone"}, Map.of())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("keystone_authtoken.auth_url");
        assertThatThrownBy(() -> load(new String[] {"--keystone_authtoken.auth_ulr", "x"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("keystone_authtoken.auth_ulr");
        assertThatThrownBy(() -> load(new String[] {"--keystone_authtoken.token_cache_time", "five"}, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("keystone_authtoken.token_cache_time: 'five'");
        assertThatThrownBy(() -> load(new String[] {"--keystone_authtoken.auth_url", "ftp://k"}, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'ftp://k'");
    }
}
