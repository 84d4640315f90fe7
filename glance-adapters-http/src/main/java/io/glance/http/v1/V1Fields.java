package io.glance.http.v1;

import io.glance.domain.ImageFormats;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;

import java.util.List;
import java.util.Locale;

/**
 * Reads and checks the typed v1 fields of {@link V1Metadata}. Bad values are a 400 naming the header and the value
 * (Cactus answered a non-numeric size with a 500; a client's typo is not a server error).
 */
final class V1Fields {
    private static final List<String> AMAZON_FORMATS = List.of("aki", "ari", "ami");

    private V1Fields() {
    }

    /** {@code x-image-meta-id}, which must be a UUID (ids are UUIDs since Essex), or {@code null}. */
    static ImageId id(V1Metadata meta) {
        String value = meta.get("id");
        if (value == null) {
            return null;
        }
        if (!ImageId.isValid(value)) {
            throw new InvalidInputException("Invalid x-image-meta-id '" + value + "': image ids are UUIDs");
        }
        return new ImageId(value);
    }

    /** A non-negative whole number, or {@code null} when absent or empty. */
    static Long nonNegative(V1Metadata meta, String field) {
        String value = meta.get(field);
        if (value == null) {
            return null;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the other bad values
        }
        throw new InvalidInputException("Invalid x-image-meta-" + field.replace('_', '-') + " '" + value
                + "': must be a whole number of at least 0");
    }

    /** {@link #nonNegative} for int columns (min_ram, min_disk). */
    static Integer nonNegativeInt(V1Metadata meta, String field) {
        Long value = nonNegative(meta, field);
        if (value != null && value > Integer.MAX_VALUE) {
            throw new InvalidInputException("Invalid x-image-meta-" + field.replace('_', '-') + " '" + value
                    + "': at most " + Integer.MAX_VALUE);
        }
        return value == null ? null : value.intValue();
    }

    /** Cactus: true only for a case-insensitive {@code true}; {@code null} when absent. */
    static Boolean bool(V1Metadata meta, String field) {
        if (!meta.has(field)) {
            return null;
        }
        String value = meta.get(field);
        return value != null && value.strip().toLowerCase(Locale.ROOT).equals("true");
    }

    /** Glance v1's messages; the accepted formats are the domain's (a superset of Diablo's). */
    static String diskFormat(String value) {
        if (value != null && !ImageFormats.DISK_FORMATS.contains(value)) {
            throw new InvalidInputException("Invalid disk format '" + value + "' for image. Valid formats: "
                    + ImageFormats.DISK_FORMATS);
        }
        return value;
    }

    static String containerFormat(String value) {
        if (value != null && !ImageFormats.CONTAINER_FORMATS.contains(value)) {
            throw new InvalidInputException("Invalid container format '" + value + "' for image. Valid formats: "
                    + ImageFormats.CONTAINER_FORMATS);
        }
        return value;
    }

    /** Glance v1 (registry validation): an Amazon format on either side needs the same format on the other. */
    static void checkFormatMix(String diskFormat, String containerFormat) {
        // List.of(...).contains(null) throws, and a format may be unset.
        boolean amazon = (diskFormat != null && AMAZON_FORMATS.contains(diskFormat))
                || (containerFormat != null && AMAZON_FORMATS.contains(containerFormat));
        if (amazon && (diskFormat == null || !diskFormat.equals(containerFormat))) {
            throw new InvalidInputException("Invalid mix of disk and container formats (disk " + diskFormat
                    + ", container " + containerFormat + "). When setting a disk or container format to one of"
                    + " 'ami', 'ari', or 'aki', the container and disk formats must match.");
        }
    }
}
