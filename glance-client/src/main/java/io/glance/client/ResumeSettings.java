package io.glance.client;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How a resumable upload ({@link GlanceClient#uploadResumable}) rides out failures: after a dropped connection, a
 * refused connection (glance-api restarting) or a 5xx answer it waits {@code firstDelay}, then twice as long each time
 * up to {@code maxDelay}, asks the server for its offset and continues from there, at most {@code retries} times in a
 * row (a chunk that gets through resets the count). {@code activeTimeout} bounds the wait for the import that follows
 * the last byte.
 */
public record ResumeSettings(int retries, Duration firstDelay, Duration maxDelay, Duration activeTimeout) {
    public ResumeSettings {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, not " + retries);
        }
        requireNonNull(firstDelay, "firstDelay is null");
        requireNonNull(maxDelay, "maxDelay is null");
        requireNonNull(activeTimeout, "activeTimeout is null");
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= firstDelay (" + firstDelay
                    + ") <= maxDelay (" + maxDelay + ")");
        }
    }

    /** 8 retries, 0.5 s doubling up to 30 s (about 2 minutes of waiting in all), 30 minutes for the import. */
    public static ResumeSettings defaults() {
        return new ResumeSettings(8, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(30));
    }

    public ResumeSettings withRetries(int count) {
        return new ResumeSettings(count, firstDelay, maxDelay, activeTimeout);
    }

    public ResumeSettings withDelays(Duration first, Duration max) {
        return new ResumeSettings(retries, first, max, activeTimeout);
    }

    /** The wait before retry number {@code attempt} (1-based). */
    Duration delay(int attempt) {
        Duration delay = firstDelay;
        for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
