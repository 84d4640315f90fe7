package io.glance.store.toolkit;

import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.ConfigKey;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionParserTest {
    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.required("x_host", "service URL"),
            ConfigKey.optional("x_size", "10", "MiB"),
            ConfigKey.optional("x_create", "false", "create on put"),
            ConfigKey.optional("x_hosts", "a, b,,c ", "list"),
            ConfigKey.optional("x_region", null, "region"));

    private static OptionParser options(Map<String, String> given) {
        return OptionParser.of("x", "fast", KEYS, given);
    }

    @Test
    void givenValuesAreStrippedAndBlankOnesFallBackToTheDeclaredDefault() {
        OptionParser options = options(Map.of("x_size", "  42 ", "x_create", "  "));
        assertThat(options.number("x_size", 1, 100)).isEqualTo(42);
        assertThat(options.bool("x_create")).isFalse();
        assertThat(options.isGiven("x_size")).isTrue();
        assertThat(options.isGiven("x_create")).isFalse();
        assertThat(options.text("x_region")).isEmpty();
        assertThat(options.list("x_hosts")).containsExactly("a", "b", "c");
    }

    @Test
    void unknownKeysAreRefusedNamingTheKeyAndTheAcceptedOnes() {
        assertThatThrownBy(() -> options(Map.of("x_sizes", "1")))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessage("x store 'fast': unknown option 'x_sizes'; accepted options are "
                        + "[x_create, x_host, x_hosts, x_region, x_size]");
    }

    @Test
    void missingRequiredValueNamesTheOption() {
        assertThatThrownBy(() -> options(Map.of()).required("x_host"))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessage("x store 'fast': option 'x_host' is required");
    }

    @Test
    void badNumbersAndBooleansNameTheOptionAndTheValue() {
        assertThatThrownBy(() -> options(Map.of("x_size", "ten")).number("x_size", 1, 100))
                .hasMessage("x store 'fast': option 'x_size' value 'ten' is not a whole number");
        assertThatThrownBy(() -> options(Map.of("x_size", "101")).number("x_size", 1, 100))
                .hasMessage("x store 'fast': option 'x_size' value '101' is outside 1..100");
        assertThatThrownBy(() -> options(Map.of("x_create", "maybe")).bool("x_create"))
                .hasMessage("x store 'fast': option 'x_create' value 'maybe' is not a boolean (true or false)");
        assertThat(options(Map.of("x_create", "YES")).bool("x_create")).isTrue();
    }

    @Test
    void httpUrlsMustHaveAHostAndNoCredentialsWhichAreNeverEchoed() {
        assertThat(options(Map.of("x_host", "https://s3.example:9000/")).httpUrl("x_host"))
                .isEqualTo(URI.create("https://s3.example:9000/"));
        assertThatThrownBy(() -> options(Map.of("x_host", "ftp://s3.example")).httpUrl("x_host"))
                .hasMessageContaining("'ftp://s3.example' is not an http:// or https:// URL with a host");
        assertThatThrownBy(() -> options(Map.of("x_host", "http://key:s3cret@s3.example")).httpUrl("x_host"))
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> options(Map.of("x_host", "http://bad host")).httpUrl("x_host"))
                .hasMessageContaining("'http://bad host' is not a URL");
    }

    @Test
    void askingForAnUndeclaredKeyIsADriverBug() {
        assertThatThrownBy(() -> options(Map.of()).text("x_other"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x_other");
    }
}
