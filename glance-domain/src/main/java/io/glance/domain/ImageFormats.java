package io.glance.domain;

import java.util.List;

/** The disk and container formats Glance accepts (Glance v2 §4, Zed defaults). */
public final class ImageFormats {
    public static final List<String> DISK_FORMATS =
            List.of("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop");
    public static final List<String> CONTAINER_FORMATS =
            List.of("ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed");

    private ImageFormats() {
    }

    public static String checkDiskFormat(String value) {
        if (value != null && !DISK_FORMATS.contains(value)) {
            throw new InvalidInputException("Invalid disk_format: " + value + " (one of " + DISK_FORMATS + ")");
        }
        return value;
    }

    public static String checkContainerFormat(String value) {
        if (value != null && !CONTAINER_FORMATS.contains(value)) {
            throw new InvalidInputException("Invalid container_format: " + value + " (one of " + CONTAINER_FORMATS + ")");
        }
        return value;
    }
}
