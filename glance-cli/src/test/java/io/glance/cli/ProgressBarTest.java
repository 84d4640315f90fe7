package io.glance.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {
    @Test
    void rendersBarPercentRateAndEta() {
        // 25 MiB of 100 MiB in 1 s: 25 MiB/s, 3 s to go
        assertThat(ProgressBar.render(25L << 20, 100L << 20, 1_000_000_000L))
                .isEqualTo("[=======>                      ]  25%  25.0 MiB/100.0 MiB  25.0 MiB/s  ETA 0:03");
    }

    @Test
    void withoutTotalShowsBytesAndRate() {
        assertThat(ProgressBar.render(3L << 30, -1, 2_000_000_000L)).isEqualTo("3.0 GiB  1.5 GiB/s");
    }

    @Test
    void formatsSizesAndDurations() {
        assertThat(ProgressBar.size(512)).isEqualTo("512 B");
        assertThat(ProgressBar.size(1536)).isEqualTo("1.5 KiB");
        assertThat(ProgressBar.duration(3725)).isEqualTo("1:02:05");
        assertThat(ProgressBar.duration(65)).isEqualTo("1:05");
    }

    @Test
    void redrawsAtMostEveryTenthOfASecondAndEndsTheLine() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true), now::get);
        bar.progress(10, 100);
        now.addAndGet(50_000_000L);
        bar.progress(20, 100);
        assertThat(out.toString()).isEmpty();
        now.addAndGet(60_000_000L);
        bar.progress(30, 100);
        bar.progress(100, 100);
        bar.finish();
        String drawn = out.toString();
        assertThat(drawn.split("\r", -1)).hasSize(3);
        assertThat(drawn).contains(" 30%").endsWith("100%  100 B/100 B  909 B/s  ETA 0:00\n");
    }
}
