package io.glance.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The console's line, {@code 2026-12-07T05:14:55.123Z INFO    glance.access: message}, written with a StringBuilder.
 * {@code SimpleFormatter} made the same line through {@code String.format} (a Formatter and DecimalFormatSymbols per
 * record) and walked the stack for the caller's class although the line does not show it: with one access-log line
 * per request that was a fifth of a metadata request's CPU in glance-api (JFR, issue 17). Times are UTC, as the
 * trailing Z says.
 */
final class OneLineFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int LEVEL_WIDTH = 7;

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160);
        TIME.formatTo(Instant.ofEpochMilli(record.getMillis()), line);
        line.append(' ');
        String level = record.getLevel().getLocalizedName();
        line.append(level);
        for (int pad = level.length(); pad < LEVEL_WIDTH; pad++) {
            line.append(' ');
        }
        line.append(' ').append(record.getLoggerName()).append(": ").append(formatMessage(record));
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                out.println();
                thrown.printStackTrace(out);
            }
            line.append(trace);
        } else {
            line.append(System.lineSeparator());
        }
        return line.toString();
    }
}
