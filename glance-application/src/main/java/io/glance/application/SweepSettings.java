package io.glance.application;

import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.time.Duration;
import java.util.List;

/**
 * The orphan sweeper's options: how often glance-api runs it on its own ({@code 0}: never, only
 * {@code glance-manage sweep}), how old an unreferenced object must be to count as an orphan, and whether the
 * periodic run deletes orphans or only reports them.
 */
public record SweepSettings(Duration interval, Duration grace, boolean deleteOrphans) {
    public static final Option<Duration> INTERVAL = Option.seconds("orphan_sweep_interval", Duration.ZERO,
            Duration.ZERO, "seconds between two runs of the orphan sweeper inside glance-api (objects no image"
                    + " records, active images whose data is gone); 0 runs it only on demand with"
                    + " `glance-manage sweep`");
    public static final Option<Duration> GRACE = Option.seconds("orphan_sweep_grace", Duration.ofDays(1),
            Duration.ZERO, "seconds an object no image records must have existed before the sweeper calls it an"
                    + " orphan, so that an upload whose location is not recorded yet is never one");
    public static final Option<Boolean> DELETE = Option.bool("orphan_sweep_delete", false,
            "the periodic orphan sweep deletes the orphan objects it finds (default: it only reports them)");
    /** The options these settings are read from. */
    public static final List<Option<?>> OPTIONS = List.of(INTERVAL, GRACE, DELETE);

    public static SweepSettings from(OptionValues values) {
        return new SweepSettings(values.get(INTERVAL), values.get(GRACE), values.get(DELETE));
    }

    /** Whether glance-api runs the sweeper on its own. */
    public boolean periodic() {
        return !interval.isZero();
    }
}
