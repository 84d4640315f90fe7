package io.glance.store.filesystem;

import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.ConfigKey;
import io.glance.store.spi.StoreCapability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Pins the store type's self-description, every option with its default, and how bad values are refused. */
class FilesystemStoreConfigTest {
    private static final String DATADIR = "filesystem_store_datadir";
    private final FilesystemStoreDriverFactory factory = new FilesystemStoreDriverFactory();

    @Test
    void describesTheFileStoreType() {
        assertThat(factory.type()).isEqualTo("file");
        assertThat(factory.aliases()).containsExactly("filesystem");
        assertThat(factory.schemes()).containsExactly("file");
        assertThat(factory.capabilities()).containsExactlyInAnyOrder(StoreCapability.READ, StoreCapability.READ_RANGE,
                StoreCapability.WRITE, StoreCapability.DELETE, StoreCapability.DEDUP, StoreCapability.LIST);
    }

    @Test
    void declaresGlanceStoreOptionNamesAndDefaults() {
        assertThat(factory.configKeys())
                .extracting(ConfigKey::name, ConfigKey::defaultValue, ConfigKey::required, ConfigKey::secret)
                .containsExactly(
                        // Not required since SPI 1.2: a host may name a default data directory (see below).
                        tuple("filesystem_store_datadir", null, false, false),
                        tuple("filesystem_store_file_perm", null, false, false),
                        tuple("filesystem_store_chunk_size", "65536", false, false));
    }

    @Test
    void defaults() {
        FilesystemStoreConfig config = FilesystemStoreConfig.parse("file", Map.of(DATADIR, "/var/lib/glance/images"));

        assertThat(config).isEqualTo(new FilesystemStoreConfig(Path.of("/var/lib/glance/images"), Optional.empty(),
                65536));
    }

    @Test
    void explicitValues() {
        FilesystemStoreConfig config = FilesystemStoreConfig.parse("file", Map.of(
                DATADIR, "/srv/images/../glance",
                "filesystem_store_file_perm", "0640",
                "filesystem_store_chunk_size", "1048576"));

        assertThat(config).isEqualTo(new FilesystemStoreConfig(Path.of("/srv/glance"),
                Optional.of(PosixFilePermissions.fromString("rw-r-----")), 1048576));
    }

    @Test
    void relativeDataDirectoryBecomesAbsolute() {
        FilesystemStoreConfig config = FilesystemStoreConfig.parse("file", Map.of(DATADIR, "images"));

        assertThat(config.dataDirectory()).isEqualTo(Path.of("images").toAbsolutePath());
    }

    @ParameterizedTest
    @CsvSource({"640, rw-r-----", "0640, rw-r-----", "0o600, rw-------", "0644, rw-r--r--", "755, rwxr-xr-x"})
    void filePermissionsAreOctal(String value, String expected) {
        FilesystemStoreConfig config = FilesystemStoreConfig.parse("file",
                Map.of(DATADIR, "/images", "filesystem_store_file_perm", value));

        assertThat(config.filePermissions()).contains(PosixFilePermissions.fromString(expected));
    }

    /** glance_store's default of 0 means "leave the file as the umask made it". */
    @Test
    void zeroFilePermissionsMeansUnset() {
        FilesystemStoreConfig config = FilesystemStoreConfig.parse("file",
                Map.of(DATADIR, "/images", "filesystem_store_file_perm", "0"));

        assertThat(config.filePermissions()).isEmpty();
    }

    @Test
    void unknownOptionIsRefusedByName() {
        assertThatThrownBy(() -> FilesystemStoreConfig.parse("fast",
                Map.of(DATADIR, "/images", "filesystem_store_datadirs", "/a:1")))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("'fast'")
                .hasMessageContaining("'filesystem_store_datadirs'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void dataDirectoryIsRequired(String value) {
        assertThatThrownBy(() -> FilesystemStoreConfig.parse("file", Map.of(DATADIR, value)))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining(DATADIR)
                .hasMessageContaining("required");
        assertThatThrownBy(() -> FilesystemStoreConfig.parse("file", Map.of()))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining(DATADIR);
    }

    @Test
    void dataDirectoryDefaultsToTheOneTheHostNames() {
        FilesystemStoreConfig config = FilesystemStoreConfig.parse("file", Map.of(),
                Optional.of(Path.of("/var/lib/glance/images")));
        assertThat(config.dataDirectory()).isEqualTo(Path.of("/var/lib/glance/images"));
        FilesystemStoreConfig given = FilesystemStoreConfig.parse("file", Map.of(DATADIR, "/srv/images"),
                Optional.of(Path.of("/var/lib/glance/images")));
        assertThat(given.dataDirectory()).as("the operator's option wins").isEqualTo(Path.of("/srv/images"));
        assertThatThrownBy(() -> FilesystemStoreConfig.parse("file", Map.of(DATADIR, " "),
                Optional.of(Path.of("/var/lib/glance/images"))))
                .as("a blank option is a mistake, not a request for the default")
                .isInstanceOf(BadStoreConfigurationException.class).hasMessageContaining(DATADIR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "0999", "1000", "-1", "0200"})
    void badFilePermissionsAreRefusedWithTheValue(String value) {
        assertThatThrownBy(() -> FilesystemStoreConfig.parse("file",
                Map.of(DATADIR, "/images", "filesystem_store_file_perm", value)))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("filesystem_store_file_perm")
                .hasMessageContaining("'" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "64k", "67108865"})
    void badChunkSizesAreRefusedWithTheValue(String value) {
        assertThatThrownBy(() -> FilesystemStoreConfig.parse("file",
                Map.of(DATADIR, "/images", "filesystem_store_chunk_size", value)))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("filesystem_store_chunk_size")
                .hasMessageContaining("'" + value + "'");
    }
}
