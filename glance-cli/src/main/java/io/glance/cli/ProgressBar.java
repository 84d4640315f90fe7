package io.glance.cli;

import io.glance.client.ProgressListener;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * A one-line progress bar redrawn in place with {@code \r}:
 * {@code [=========>          ]  45%  230.0 MiB/512.0 MiB  85.3 MiB/s  ETA 0:03}. Without a known total it shows
 * the bytes and the rate only. Redrawn at most every 100 ms, and once more by {@link #finish()}.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final long start;
    private long lastDraw;
    private long bytes;
    private long total = -1;
    private boolean started;

    ProgressBar(PrintStream out, LongSupplier nanoTime) {
        this.out = requireNonNull(out, "out is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.start = nanoTime.getAsLong();
        this.lastDraw = start;
    }

    @Override
    public void progress(long bytesSoFar, long totalBytes) {
        bytes = bytesSoFar;
        total = totalBytes;
        started = true;
        long now = nanoTime.getAsLong();
        if (now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw(now);
        }
    }

    /** A resumed upload: says where it continues ("resumed at 1.0 GiB of 4.0 GiB") on a line of its own. */
    @Override
    public void resumed(long offset, long totalBytes) {
        out.print((started ? "\n" : "") + "resumed at " + size(offset)
                + (totalBytes > 0 ? " of " + size(totalBytes) : "") + "\n");
        out.flush();
        bytes = offset;
        total = totalBytes;
        started = true;
    }

    /** Draws the final state and ends the line, if any byte moved at all. */
    void finish() {
        if (!started) {
            return;
        }
        draw(nanoTime.getAsLong());
        out.print('\n');
        out.flush();
    }

    private void draw(long now) {
        out.print('\r' + render(bytes, total, now - start));
        out.flush();
    }

    static String render(long bytes, long total, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        double rate = bytes / seconds;
        String speed = size(rate) + "/s";
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s  %s", size(bytes), speed);
        }
        double fraction = Math.min(1.0, (double) bytes / total);
        int filled = (int) (fraction * WIDTH);
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        bar.append(']');
        String eta = rate > 0 ? duration((long) ((total - bytes) / rate)) : "--:--";
        return String.format(Locale.ROOT, "%s %3d%%  %s/%s  %s  ETA %s", bar, (int) (fraction * 100), size(bytes),
                size(total), speed, eta);
    }

    static String size(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f B", bytes)
                : String.format(Locale.ROOT, "%.1f %s", bytes, units[unit]);
    }

    static String duration(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
