package io.glance.http.v1;

import io.glance.domain.Image;
import io.glance.domain.ImageStatus;
import io.glance.domain.Visibility;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an image looks through API v1: its fields in Diablo's order with Java values ({@link String}, {@link Long},
 * {@link Boolean} or {@code null}). Both the x-image-meta headers and the JSON bodies are rendered from this.
 */
final class V1ImageView {
    /** GET /v1/images: the short form. */
    static final List<String> SUMMARY_FIELDS = List.of("id", "name", "disk_format", "container_format", "checksum",
            "size");
    /** Python's {@code datetime.isoformat()}: UTC without zone, fraction only when there is one. */
    private static final DateTimeFormatter ISO_FORMAT = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private V1ImageView() {
    }

    /**
     * Every v1 field except {@code properties}.
     *
     * @param withLocation false for /v1/images/detail, which Diablo stopped exposing locations in (LP#755916)
     */
    static Map<String, Object> fields(Image image, boolean withLocation) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", image.id().value());
        fields.put("name", image.name());
        fields.put("disk_format", image.diskFormat());
        fields.put("container_format", image.containerFormat());
        fields.put("size", image.size() == null ? 0L : image.size());
        fields.put("checksum", image.checksums() == null ? null : image.checksums().md5());
        fields.put("status", status(image.status()));
        fields.put("is_public", image.visibility() == Visibility.PUBLIC);
        if (withLocation) {
            fields.put("location", image.locations().isEmpty() ? null : image.locations().getFirst().url());
        }
        fields.put("created_at", timestamp(image.createdAt()));
        fields.put("updated_at", timestamp(image.updatedAt()));
        fields.put("deleted_at", timestamp(image.deletedAt()));
        fields.put("deleted", image.deleted());
        fields.put("min_ram", (long) image.minRam());
        fields.put("min_disk", (long) image.minDisk());
        fields.put("owner", image.owner());
        fields.put("protected", image.isProtected());
        return fields;
    }

    static Map<String, Object> summary(Image image) {
        Map<String, Object> all = fields(image, false);
        Map<String, Object> summary = new LinkedHashMap<>();
        SUMMARY_FIELDS.forEach(field -> summary.put(field, all.get(field)));
        return summary;
    }

    /**
     * v2's statuses v1 does not know are shown as the v1 status closest in meaning: {@code uploading} and
     * {@code importing} are data on its way in ({@code saving}). {@code deactivated} has no counterpart and is shown
     * as is, so that a v1 client does not mistake it for {@code active}.
     */
    static String status(ImageStatus status) {
        return switch (status) {
            case UPLOADING, IMPORTING -> ImageStatus.SAVING.wireName();
            case QUEUED, SAVING, ACTIVE, DEACTIVATED, KILLED, DELETED, PENDING_DELETE -> status.wireName();
        };
    }

    static String timestamp(Instant instant) {
        return instant == null ? null : ISO_FORMAT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
