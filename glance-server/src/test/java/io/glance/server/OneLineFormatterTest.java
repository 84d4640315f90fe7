package io.glance.server;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

class OneLineFormatterTest {
    private final OneLineFormatter formatter = new OneLineFormatter();

    @Test
    void writesUtcTimeLevelLoggerAndMessageOnOneLine() {
        LogRecord record = new LogRecord(Level.INFO, "req-1 GET /v2/images 200 512 1.3ms");
        record.setLoggerName("glance.access");
        record.setInstant(java.time.Instant.parse("2026-12-07T05:14:55.123456Z"));
        assertThat(formatter.format(record))
                .isEqualTo("2026-12-07T05:14:55.123Z INFO    glance.access: req-1 GET /v2/images 200 512 1.3ms"
                        + System.lineSeparator());
    }

    @Test
    void fillsParametersAndAppendsTheStackTraceOnTheFollowingLines() {
        LogRecord record = new LogRecord(Level.WARNING, "store {0} failed");
        record.setLoggerName("io.glance.x");
        record.setParameters(new Object[] {"fast"});
        record.setThrown(new IllegalStateException("disk full"));
        record.setInstant(java.time.Instant.parse("2026-01-02T03:04:05Z"));
        String text = formatter.format(record);
        assertThat(text).startsWith("2026-01-02T03:04:05.000Z WARNING io.glance.x: store fast failed"
                + System.lineSeparator() + "java.lang.IllegalStateException: disk full");
        assertThat(text).contains("\tat io.glance.server.OneLineFormatterTest.");
    }
}
