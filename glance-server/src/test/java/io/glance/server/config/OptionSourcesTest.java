package io.glance.server.config;

import io.glance.config.ConfigurationException;
import io.glance.config.OptionValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading flags, environment and a YAML file, and checking keys, including those of declared sections. */
class OptionSourcesTest {
    private static final Map<String, Set<String>> SECTIONS = Map.of("keystone_authtoken", Set.of("auth_url"));

    @TempDir
    Path dir;

    @Test
    void declaredSectionsTakeTheirOwnKeysFromTheFileAndFlags() throws Exception {
        Path file = dir.resolve("glance-api.yaml");
        Files.writeString(file, "keystone_authtoken:\n  auth_url: http://keystone:5000/v3\n");
        OptionValues values = OptionSources.read(new String[] {"--config-file", file.toString(), "--api_port", "1"},
                Map.of(), Set.of()).check(Set.of("api_port"), SECTIONS, Set.of(), key -> null);
        assertThat(values.asMap()).containsEntry("keystone_authtoken.auth_url", "http://keystone:5000/v3")
                .containsEntry("api_port", "1");

        OptionSources typo = OptionSources.read(new String[] {"--keystone_authtoken.auth_uri", "x"}, Map.of(),
                Set.of());
        assertThatThrownBy(() -> typo.check(Set.of(), SECTIONS, Set.of(), key -> "did you mean auth_url?"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown option 'keystone_authtoken.auth_uri'; did you mean auth_url?");
    }

    @Test
    void openSectionsAreLeftToWhoeverReadsThem() {
        OptionValues values = OptionSources.read(new String[] {"--fast.anything", "x"}, Map.of(), Set.of())
                .check(Set.of(), Map.of(), Set.of("fast"), key -> null);
        assertThat(values.section("fast").asMap()).containsExactly(Map.entry("anything", "x"));
    }

    @Test
    void switchesNeedNoValueOtherFlagsDo() {
        assertThat(OptionSources.read(new String[] {"--verbose", "--api-port=9"}, Map.of(), Set.of("verbose"))
                .flags()).containsEntry("verbose", "true").containsEntry("api_port", "9");
        assertThatThrownBy(() -> OptionSources.read(new String[] {"--api_port"}, Map.of(), Set.of("verbose")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("--api_port needs a value");
        assertThatThrownBy(() -> OptionSources.read(new String[] {"api_port"}, Map.of(), Set.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'api_port'");
    }

    @Test
    void theConfigFileMayComeFromTheEnvironment() throws Exception {
        Path file = dir.resolve("glance-api.yaml");
        Files.writeString(file, "api_port: 9000\n");
        OptionSources sources = OptionSources.read(new String[0], Map.of("GLANCE_CONFIG_FILE", file.toString()),
                Set.of());
        assertThat(sources.configFile()).isEqualTo(file.toString());
        assertThat(sources.check(Set.of("api_port"), Map.of(), Set.of(), key -> null).asMap())
                .containsExactly(Map.entry("api_port", "9000"));
    }
}
