package io.glance.registry.protocol;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstantTextTest {
    @Test
    void readsWhatInstantWritesAsInstantParseDoes() {
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            // 1900..2200, with 0, 3, 6 or 9 fraction digits as Instant.toString chooses
            long seconds = -2_208_988_800L + Math.floorMod(random.nextLong(), 9_467_280_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertThat(InstantText.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void otherIsoFormsFallBackToInstantParse() {
        for (String text : List.of("2026-12-07T05:14:55.1Z", "2026-12-07T05:14:55.12345Z", "2026-12-07T05:14:55+01:00",
                "2026-12-07T24:00:00Z", "2026-12-07T05:14:55.Z", "+12026-12-07T05:14:55Z",
                "2024-02-29T23:59:59.999999999Z")) {
            assertThat(InstantText.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String text : List.of("2026-02-30T00:00:00Z", "2026-12-07T25:00:00Z",
                "2026-12-07 05:14:55Z", "2026-12-07T05:14:55.1234567890Z", "yesterday", "2026-1x-07T05:14:55Z")) {
            assertThatThrownBy(() -> InstantText.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
