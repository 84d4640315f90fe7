package io.glance.application.inspection;

import io.glance.config.Option;
import io.glance.config.OptionSection;
import io.glance.config.OptionValues;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Glance's {@code [image_format]} section (2025.1): whether data must be what its {@code disk_format} says, which
 * VMDK subformats are accepted, and which named safety checks of partitioned disks only warn.
 *
 * @param requireImageFormatMatch {@code require_image_format_match}: refuse data of another format than claimed
 * @param vmdkAllowedTypes        {@code vmdk_allowed_types}: the VMDK {@code createType}s accepted
 * @param gptSafetyChecksNonfatal {@code gpt_safety_checks_nonfatal}: the gpt/mbr checks that do not refuse
 */
public record FormatInspectionSettings(boolean requireImageFormatMatch, Set<String> vmdkAllowedTypes,
                                       Set<String> gptSafetyChecksNonfatal) {

    public static final Option<Boolean> REQUIRE_IMAGE_FORMAT_MATCH = Option.bool("require_image_format_match", true,
            "refuse (400) image data whose format, found by inspecting it, is not its disk_format");
    public static final Option<List<String>> VMDK_ALLOWED_TYPES = Option.of("vmdk_allowed_types",
            List.of("monolithicSparse", "streamOptimized"), "monolithicSparse,streamOptimized",
            "VMDK createType values accepted (comma-separated); others are refused as unsafe",
            FormatInspectionSettings::list);
    public static final Option<List<String>> GPT_SAFETY_CHECKS_NONFATAL = Option.of("gpt_safety_checks_nonfatal",
            List.of(GptInspector.CHECK), GptInspector.CHECK,
            "safety checks of gpt/mbr disks that only warn instead of refusing (comma-separated; empty: all fatal)",
            FormatInspectionSettings::list);
    public static final OptionSection SECTION = new OptionSection("image_format",
            "format inspection of image data on every ingest path",
            List.of(REQUIRE_IMAGE_FORMAT_MATCH, VMDK_ALLOWED_TYPES, GPT_SAFETY_CHECKS_NONFATAL));

    public FormatInspectionSettings {
        vmdkAllowedTypes = Set.copyOf(requireNonNull(vmdkAllowedTypes, "vmdkAllowedTypes is null"));
        gptSafetyChecksNonfatal = Set.copyOf(requireNonNull(gptSafetyChecksNonfatal,
                "gptSafetyChecksNonfatal is null"));
    }

    /** Glance 2025.1's defaults. */
    public static FormatInspectionSettings defaults() {
        return new FormatInspectionSettings(true, Set.copyOf(VMDK_ALLOWED_TYPES.defaultValue()),
                Set.copyOf(GPT_SAFETY_CHECKS_NONFATAL.defaultValue()));
    }

    public static FormatInspectionSettings from(OptionValues values) {
        OptionValues section = values.section(SECTION);
        return new FormatInspectionSettings(section.get(REQUIRE_IMAGE_FORMAT_MATCH),
                Set.copyOf(section.get(VMDK_ALLOWED_TYPES)), Set.copyOf(section.get(GPT_SAFETY_CHECKS_NONFATAL)));
    }

    /** The check for data about to stream into an image with these formats ({@code null}: not set). */
    public StreamingFormatCheck checkFor(String diskFormat, String containerFormat) {
        return new StreamingFormatCheck(this, diskFormat, containerFormat);
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
}
