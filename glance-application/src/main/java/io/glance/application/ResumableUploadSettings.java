package io.glance.application;

import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.time.Duration;
import java.util.List;

/**
 * Resumable uploads (tus 1.0.0 on {@code /v2/images/{id}/uploads}): how long a session lives without data arriving.
 * Expired sessions answer 410 and their partial data is removed, at once or by the sweep that runs every
 * {@link #sweepInterval()} and at start.
 */
public record ResumableUploadSettings(Duration expiration) {
    public static final Option<Duration> RESUMABLE_UPLOAD_EXPIRATION = Option.seconds("resumable_upload_expiration",
            Duration.ofHours(24), Duration.ofSeconds(1), "seconds a resumable upload session (`/v2/images/{id}/uploads`)"
                    + " lives after its last PATCH (`Upload-Expires`); then it answers 410 and its partial data is"
                    + " removed");
    /** The options these settings are read from. */
    public static final List<Option<?>> OPTIONS = List.of(RESUMABLE_UPLOAD_EXPIRATION);

    public static ResumableUploadSettings from(OptionValues values) {
        return new ResumableUploadSettings(values.get(RESUMABLE_UPLOAD_EXPIRATION));
    }

    public static ResumableUploadSettings defaults() {
        return new ResumableUploadSettings(RESUMABLE_UPLOAD_EXPIRATION.defaultValue());
    }

    /**
     * How often expired sessions are looked for: every minute (a session used after it expired answers 410 and loses
     * its data at once, so the sweep is only for the ones nobody asks about).
     */
    public Duration sweepInterval() {
        return Duration.ofMinutes(1);
    }
}
