package io.glance.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataLimitsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final MetadataLimits limits = new MetadataLimits(100, 300);

    private static Image image(Map<String, String> properties) {
        return Image.newImage(ImageId.random(), T0).properties(properties).build();
    }

    @Test
    void aValueIsMeasuredInUtf8Bytes() {
        assertThatCode(() -> limits.check(null, image(Map.of("k", "x".repeat(100))))).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.check(null, image(Map.of("k", "é".repeat(51)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("property 'k'").hasMessageContaining("102 bytes").hasMessageContaining("100");
    }

    @Test
    void theTotalIsA413OnlyWhenItGrows() {
        Map<String, String> big = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            big.put("k" + i, "v".repeat(80));
        }
        Image over = image(big);
        assertThatThrownBy(() -> limits.check(null, over)).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("328 bytes").hasMessageContaining("300");
        Map<String, String> smaller = new LinkedHashMap<>(big);
        smaller.remove("k3");
        smaller.put("k0", "short");
        assertThatCode(() -> limits.check(over, over.toBuilder().properties(smaller).build()))
                .as("an image over a lowered limit may still shrink").doesNotThrowAnyException();
        assertThatCode(() -> limits.check(over, over.toBuilder().name("renamed").build()))
                .as("changing something else leaves old values alone").doesNotThrowAnyException();
    }

    @Test
    void keysAndValuesAPIv1CannotSendAreRefused() {
        for (String key : new String[] {"a b", "a\rb", "a\nb", "a\0b", "a\tb"}) {
            assertThatThrownBy(() -> limits.check(null, image(Map.of(key, "v")))).as(key)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("Property name");
        }
        for (String value : new String[] {"a\rb", "a\nb", "a\0b", "a\u007fb"}) {
            assertThatThrownBy(() -> limits.check(null, image(Map.of("k", value)))).as(value)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("property 'k'")
                    .hasMessageNotContaining("\n").hasMessageNotContaining("\0");
        }
        assertThatThrownBy(() -> limits.check(null, Image.newImage(ImageId.random(), T0).name("x\ny").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("name").hasMessageContaining("LF");
        assertThatCode(() -> limits.check(null, image(Map.of("os_distro", "tab\there, café")))).doesNotThrowAnyException();
        assertThatCode(() -> limits.check(null, image(Map.of("trait:CUSTOM_GOLD", "required"))))
                .as("Nova's trait properties, which API v1 escapes").doesNotThrowAnyException();
    }

    @Test
    void totalBytesCountKeysAndValues() {
        assertThat(MetadataLimits.totalBytes(Map.of("ab", "é"))).isEqualTo(4);
    }
}
