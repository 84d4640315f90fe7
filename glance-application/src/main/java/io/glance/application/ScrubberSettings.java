package io.glance.application;

import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.time.Duration;
import java.util.List;

/**
 * Glance's {@code delayed_delete}, {@code scrub_time} and {@code wakeup_time}: deleted images with data go to
 * {@code pending_delete}, and the scrubber inside glance-api removes their data once they have been pending for
 * {@code scrub_time}, looking every {@code wakeup_time}.
 */
public record ScrubberSettings(boolean delayedDelete, Duration scrubTime, Duration wakeupTime) {
    public static final Option<Boolean> DELAYED_DELETE = Option.bool("delayed_delete", false,
            "a deleted image with data goes to `pending_delete`; its data is removed `scrub_time` later by the"
                    + " scrubber, and `glance-manage image restore <id>` brings it back until then");
    public static final Option<Duration> SCRUB_TIME = Option.seconds("scrub_time", Duration.ofHours(12),
            Duration.ZERO, "seconds an image stays in `pending_delete` before the scrubber removes its data");
    public static final Option<Duration> WAKEUP_TIME = Option.seconds("wakeup_time", Duration.ofMinutes(5),
            Duration.ofMillis(100), "seconds between two runs of the scrubber");
    /** The options these settings are read from. */
    public static final List<Option<?>> OPTIONS = List.of(DELAYED_DELETE, SCRUB_TIME, WAKEUP_TIME);

    public static ScrubberSettings from(OptionValues values) {
        return new ScrubberSettings(values.get(DELAYED_DELETE), values.get(SCRUB_TIME), values.get(WAKEUP_TIME));
    }

    /** Immediate deletes, as without the options. */
    public static ScrubberSettings immediate() {
        return new ScrubberSettings(false, SCRUB_TIME.defaultValue(), WAKEUP_TIME.defaultValue());
    }
}
