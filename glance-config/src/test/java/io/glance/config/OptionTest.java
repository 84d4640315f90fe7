package io.glance.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionTest {
    private static final Option<Boolean> FLAG = Option.bool("flag", false, "a switch");
    private static final Option<Integer> PORT = Option.port("port", 9292, "a port");
    private static final Option<Duration> TIMEOUT = Option.seconds("timeout", Duration.ofSeconds(30),
            Duration.ofMillis(250), "seconds");
    private static final Option<Long> CAP = Option.size("cap", 1L << 40, "1T", "bytes");
    private static final Option<String> MODE = Option.choice("mode", "database", Set.of("database", "registry"),
            "one of two");

    @Test
    void absentOptionsAreTheirDefaults() {
        OptionValues none = OptionValues.of(Map.of());
        assertThat(none.get(FLAG)).isFalse();
        assertThat(none.get(PORT)).isEqualTo(9292);
        assertThat(none.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(none.get(CAP)).isEqualTo(1L << 40);
        assertThat(none.get(MODE)).isEqualTo("database");
    }

    @Test
    void textsBecomeTypedValues() {
        OptionValues values = OptionValues.of(Map.of("flag", "on", "port", " 0 ", "timeout", "0.5", "cap", "2G",
                "mode", "Registry"));
        assertThat(values.get(FLAG)).isTrue();
        assertThat(values.get(PORT)).isZero();
        assertThat(values.get(TIMEOUT)).isEqualTo(Duration.ofMillis(500));
        assertThat(values.get(CAP)).isEqualTo(2L << 30);
        assertThat(values.get(MODE)).isEqualTo("registry");
        assertThat(Option.path("dir", null, "none", "a path").parse("dir", "rel"))
                .isEqualTo(Path.of("rel").toAbsolutePath());
    }

    @Test
    void badTextsAreRefusedNamingKeyValueAndWhatIsExpected() {
        assertThatThrownBy(() -> OptionValues.of(Map.of("port", "65536")).get(PORT))
                .isInstanceOf(ConfigurationException.class).hasMessage("Invalid port: '65536' (0 to 65535)");
        assertThatThrownBy(() -> OptionValues.of(Map.of("timeout", "0.1")).get(TIMEOUT))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid timeout: '0.1' (at least 0.25 seconds)");
        assertThatThrownBy(() -> OptionValues.of(Map.of("cap", "1P")).get(CAP))
                .isInstanceOf(ConfigurationException.class).hasMessage("Invalid cap: '1P' (bytes, or with K/M/G/T)");
        assertThatThrownBy(() -> OptionValues.of(Map.of("cap", "99999999999T")).get(CAP))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("99999999999T");
        assertThatThrownBy(() -> OptionValues.of(Map.of("flag", "maybe")).get(FLAG))
                .isInstanceOf(ConfigurationException.class).hasMessage("Invalid flag: 'maybe' (true or false)");
        assertThatThrownBy(() -> OptionValues.of(Map.of("mode", "sql")).get(MODE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid mode: 'sql' (database or registry)");
    }

    @Test
    void documentedDefaultsAreWrittenAsOperatorsWriteThem() {
        assertThat(TIMEOUT.defaultText()).isEqualTo("30");
        assertThat(Option.seconds("grace", Duration.ofDays(1), Duration.ZERO, "s").defaultText()).isEqualTo("86400");
        assertThat(Option.seconds("t", Duration.ofMillis(250), Duration.ZERO, "s").defaultText()).isEqualTo("0.25");
        assertThat(PORT.defaultText()).isEqualTo("9292");
        assertThat(FLAG.defaultText()).isEqualTo("false");
        assertThat(FLAG.isSwitch()).isTrue();
        assertThat(PORT.isSwitch()).isFalse();
    }

    @Test
    void sectionsReadTheirOwnKeysAndNameTheFullKeyWhenRefused() {
        Option<String> url = Option.text("auth_url", null, "none", "where Keystone is");
        Option<Integer> retries = Option.integer("retries", 3, 0, 10, "retries");
        OptionSection section = new OptionSection("keystone_authtoken", "Keystone", List.of(url, retries));
        OptionValues values = OptionValues.of(Map.of("keystone_authtoken.auth_url", "http://k:5000/v3",
                "keystone_authtoken.retries", "11", "auth_url", "top-level"));
        OptionValues inside = values.section(section);
        assertThat(inside.get(url)).isEqualTo("http://k:5000/v3");
        assertThat(section.option("retries")).contains(retries);
        assertThatThrownBy(() -> inside.get(retries)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid keystone_authtoken.retries: '11' (0 to 10)");
    }

    @Test
    void namesAreLowerCaseWithUnderscores() {
        assertThatThrownBy(() -> Option.bool("Api-Port", false, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OptionSection("a.b", "x", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
