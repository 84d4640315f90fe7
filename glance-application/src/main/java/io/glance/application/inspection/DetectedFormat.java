package io.glance.application.inspection;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What the data turned out to be.
 *
 * @param format      the format's name as {@code disk_format} spells it ({@code raw} when nothing else matched)
 * @param virtualSize the disk size a guest sees; {@code 0} when the format does not say
 * @param violations  the failed safety checks, fatal or not
 */
public record DetectedFormat(String format, long virtualSize, List<SafetyViolation> violations) {

    public DetectedFormat {
        requireNonNull(format, "format is null");
        violations = List.copyOf(violations);
    }
}
