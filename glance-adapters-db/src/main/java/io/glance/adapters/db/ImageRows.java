package io.glance.adapters.db;

import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageMember;
import io.glance.domain.ImageStatus;
import io.glance.domain.MemberStatus;
import io.glance.domain.Visibility;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Converts between the domain and table rows. Timestamps are stored with second precision, as Glance shows them. */
final class ImageRows {

    private ImageRows() {
    }

    static ImageRow toRow(Image image) {
        ImageChecksums sums = image.checksums();
        return new ImageRow(image.id().value(), image.name(), image.status().wireName(),
                image.visibility().wireName(), image.isProtected(), image.osHidden(), image.owner(), image.size(),
                image.virtualSize(), sums == null ? null : sums.md5(), sums == null ? null : sums.hashAlgo(),
                sums == null ? null : sums.hashValue(), image.diskFormat(), image.containerFormat(), image.minDisk(),
                image.minRam(), seconds(image.createdAt()), seconds(image.updatedAt()), seconds(image.deletedAt()),
                image.deleted(), seconds(image.activatedAt()));
    }

    /** The image without tags, properties and locations (enough to decide visibility). */
    static Image toImage(ImageRow row) {
        return toImage(row, List.of(), List.of(), List.of());
    }

    /**
     * @throws DatabaseAccessException when the stored values break the domain's rules (written by something else):
     *                                 that is a fault of the data, not of the request that read it
     */
    static Image toImage(ImageRow row, List<TagRow> tags, List<PropertyRow> properties,
                         List<LocationRow> locations) {
        try {
            return build(row, tags, properties, locations);
        } catch (RuntimeException e) {
            throw new DatabaseAccessException("Stored image " + row.id() + " is invalid: " + e.getMessage(), e);
        }
    }

    private static Image build(ImageRow row, List<TagRow> tags, List<PropertyRow> properties,
                               List<LocationRow> locations) {
        Set<String> tagValues = new LinkedHashSet<>();
        tags.forEach(tag -> tagValues.add(tag.tag()));
        Map<String, String> propertyValues = new LinkedHashMap<>();
        properties.forEach(property -> propertyValues.put(property.name(), property.propertyValue()));
        List<ImageLocation> locationValues = new ArrayList<>();
        for (LocationRow location : locations) {
            locationValues.add(new ImageLocation(location.url(), LocationMetadataJson.read(location.metadata())));
        }
        return Image.builder()
                .id(new ImageId(row.id()))
                .name(row.name())
                .status(ImageStatus.fromWire(row.status()))
                .visibility(Visibility.fromWire(row.visibility()))
                .isProtected(row.isProtected())
                .osHidden(row.osHidden())
                .owner(row.owner())
                .size(row.size())
                .virtualSize(row.virtualSize())
                .checksums(checksums(row))
                .diskFormat(row.diskFormat())
                .containerFormat(row.containerFormat())
                .minDisk(row.minDisk())
                .minRam(row.minRam())
                .createdAt(row.createdAt())
                .updatedAt(row.updatedAt())
                .deletedAt(row.deletedAt())
                .activatedAt(row.activatedAt())
                .tags(tagValues)
                .properties(propertyValues)
                .locations(locationValues)
                .build();
    }

    static List<TagRow> tagRows(Image image) {
        List<TagRow> rows = new ArrayList<>();
        for (String tag : image.tags()) {
            rows.add(new TagRow(image.id().value(), tag, rows.size()));
        }
        return rows;
    }

    static List<PropertyRow> propertyRows(Image image) {
        List<PropertyRow> rows = new ArrayList<>();
        for (Map.Entry<String, String> property : image.properties().entrySet()) {
            rows.add(new PropertyRow(image.id().value(), property.getKey(), property.getValue(), rows.size()));
        }
        return rows;
    }

    static List<LocationRow> locationRows(Image image) {
        List<LocationRow> rows = new ArrayList<>();
        for (ImageLocation location : image.locations()) {
            rows.add(new LocationRow(image.id().value(), rows.size(), location.url(),
                    LocationMetadataJson.write(location.metadata())));
        }
        return rows;
    }

    static MemberRow toRow(ImageMember member) {
        return new MemberRow(member.imageId().value(), member.memberId(), member.status().wireName(),
                seconds(member.createdAt()), seconds(member.updatedAt()));
    }

    static ImageMember toMember(MemberRow row) {
        try {
            return new ImageMember(new ImageId(row.imageId()), row.member(), MemberStatus.fromWire(row.status()),
                    row.createdAt(), row.updatedAt());
        } catch (RuntimeException e) {
            throw new DatabaseAccessException("Stored member " + row.member() + " of image " + row.imageId()
                    + " is invalid: " + e.getMessage(), e);
        }
    }

    static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The domain knows digests only as a complete set; rows written by this adapter always have all three or none.
     */
    private static ImageChecksums checksums(ImageRow row) {
        if (row.checksum() == null || row.osHashAlgo() == null || row.osHashValue() == null) {
            return null;
        }
        return new ImageChecksums(row.checksum(), row.osHashAlgo(), row.osHashValue());
    }
}
