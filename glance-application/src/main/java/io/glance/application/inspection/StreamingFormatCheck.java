package io.glance.application.inspection;

import io.glance.domain.InvalidInputException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The format check of one stream of image data, fed the same chunks as the digests: as soon as the format is known
 * (the first few hundred KiB at most) it refuses, with a 400 naming what it found, data that is unsafe (a qcow2
 * backing file, a VMDK extent naming a host file, ...) or, with {@code require_image_format_match}, of another
 * format than {@code disk_format}; at the end it gives the virtual size.
 * <p>
 * As in Glance 2025.1 only {@code bare} images are inspected (a container format's data is an archive, not a disk);
 * disk formats no inspector knows ({@code ploop}) are not compared, and the raw-like {@code ami}, {@code ari} and
 * {@code aki} accept what raw accepts.
 */
public final class StreamingFormatCheck {
    /** Which detected formats each {@code disk_format} accepts; a partitioned disk is raw data. */
    private static final Map<String, Set<String>> ACCEPTED = Map.of(
            "raw", Set.of("raw", "gpt"), "ami", Set.of("raw", "gpt"), "ari", Set.of("raw", "gpt"),
            "aki", Set.of("raw", "gpt"), "qcow2", Set.of("qcow2"), "vhd", Set.of("vhd"), "vhdx", Set.of("vhdx"),
            "vmdk", Set.of("vmdk"), "vdi", Set.of("vdi"), "iso", Set.of("iso"));

    private final FormatInspectionSettings settings;
    private final String diskFormat;
    private final FormatDetection detection;
    private boolean checked;

    StreamingFormatCheck(FormatInspectionSettings settings, String diskFormat, String containerFormat) {
        this.settings = requireNonNull(settings, "settings is null");
        this.diskFormat = diskFormat == null ? null : diskFormat.toLowerCase(Locale.ROOT);
        boolean bare = containerFormat == null || containerFormat.equalsIgnoreCase("bare");
        this.detection = bare ? new FormatDetection(settings.vmdkAllowedTypes()) : null;
    }

    /**
     * Inspects the next chunk.
     *
     * @throws InvalidInputException as soon as the data is known to be refused
     */
    public void feed(byte[] bytes, int off, int len) {
        if (detection == null || len <= 0) {
            return;
        }
        detection.feed(bytes, off, len);
        if (!checked && detection.decided()) {
            checked = true;
            check(detection.result());
        }
    }

    /**
     * Whether the format is known and what follows would only be counted: the rest of the data can then be
     * {@link #skip skipped} instead of read (a resumed upload reads back only its header window).
     */
    public boolean decided() {
        return detection == null || detection.decided();
    }

    /**
     * Counts {@code bytes} of data without looking at them, once {@link #decided()}.
     *
     * @throws IllegalStateException when the format is not decided yet
     */
    public void skip(long bytes) {
        if (detection == null || bytes <= 0) {
            return;
        }
        if (!detection.decided()) {
            throw new IllegalStateException("the format is not decided yet: the data must be fed");
        }
        detection.skip(bytes);
    }

    /**
     * The data ended: checks what was not checked yet and gives the virtual size.
     *
     * @return the virtual size, or {@code null} when not inspected, when the format does not tell it, or when the
     *         data is not of the claimed format (accepted only without {@code require_image_format_match})
     * @throws InvalidInputException when the data is refused
     */
    public Long finish() {
        if (detection == null) {
            return null;
        }
        detection.end();
        DetectedFormat found = detection.result();
        if (!checked) {
            checked = true;
            check(found);
        }
        boolean claimed = diskFormat != null && ACCEPTED.getOrDefault(diskFormat, Set.of()).contains(found.format());
        return claimed && found.virtualSize() > 0 ? found.virtualSize() : null;
    }

    private void check(DetectedFormat found) {
        List<SafetyViolation> fatal = found.violations().stream()
                .filter(violation -> !(found.format().equals("gpt")
                        && settings.gptSafetyChecksNonfatal().contains(violation.check())))
                .toList();
        if (!fatal.isEmpty()) {
            throw new InvalidInputException("Image data failed safety checks: " + fatal.stream()
                    .map(SafetyViolation::reason).collect(Collectors.joining("; ")));
        }
        Set<String> accepted = diskFormat == null ? null : ACCEPTED.get(diskFormat);
        if (settings.requireImageFormatMatch() && accepted != null && !accepted.contains(found.format())) {
            throw new InvalidInputException("Image data is " + found.format() + ", but disk_format is "
                    + diskFormat + " (require_image_format_match)");
        }
    }
}
