package io.glance.http.registry;

import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.MemberStatus;
import io.glance.domain.Visibility;
import io.glance.ports.out.ImageFilter;
import io.glance.ports.out.ImageQuery;
import io.helidon.common.uri.UriQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Diablo's listing parameters (Glance v1 §10) as a repository query: filters {@code name status container_format
 * disk_format size_min size_max min_ram min_disk is_public property-<k>}, {@code limit} (default 25, at most 1000),
 * {@code marker}, {@code sort_key} and {@code sort_dir}. Without {@code is_public} only public images are listed,
 * as in Cactus; {@code is_public=None} lists all.
 */
final class RegistryListRequest {
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 1000;

    private RegistryListRequest() {
    }

    static ImageQuery parse(UriQuery query) {
        List<ImageFilter> filters = new ArrayList<>();
        for (String name : query.names()) {
            String value = query.get(name);
            switch (name) {
                case "name" -> filters.add(new ImageFilter.ColumnIn(ImageFilter.Column.NAME, List.of(value)));
                case "status" -> filters.add(new ImageFilter.ColumnIn(ImageFilter.Column.STATUS,
                        List.of(value.toLowerCase(Locale.ROOT))));
                case "container_format" -> filters.add(new ImageFilter.ColumnIn(ImageFilter.Column.CONTAINER_FORMAT,
                        List.of(value)));
                case "disk_format" -> filters.add(new ImageFilter.ColumnIn(ImageFilter.Column.DISK_FORMAT,
                        List.of(value)));
                case "min_ram" -> filters.add(new ImageFilter.ColumnIn(ImageFilter.Column.MIN_RAM,
                        List.of(Long.toString(number(name, value)))));
                case "min_disk" -> filters.add(new ImageFilter.ColumnIn(ImageFilter.Column.MIN_DISK,
                        List.of(Long.toString(number(name, value)))));
                default -> {
                    if (name.startsWith("property-")) {
                        filters.add(new ImageFilter.PropertyEquals(name.substring("property-".length()), value));
                    }
                }
            }
        }
        Long sizeMin = query.contains("size_min") ? number("size_min", query.get("size_min")) : null;
        Long sizeMax = query.contains("size_max") ? number("size_max", query.get("size_max")) : null;
        if (sizeMin != null || sizeMax != null) {
            filters.add(new ImageFilter.SizeBetween(sizeMin, sizeMax));
        }
        String isPublic = query.contains("is_public") ? query.get("is_public") : "True";
        Visibility visibility = switch (isPublic.toLowerCase(Locale.ROOT)) {
            case "none" -> null;
            case "true" -> Visibility.PUBLIC;
            case "false" -> Visibility.PRIVATE;
            default -> throw new InvalidInputException("Invalid is_public '" + isPublic + "' (True, False or None)");
        };
        int limit = query.contains("limit") ? (int) Math.min(number("limit", query.get("limit")), MAX_LIMIT)
                : DEFAULT_LIMIT;
        ImageId marker = null;
        if (query.contains("marker")) {
            String value = query.get("marker");
            if (!ImageId.isValid(value)) {
                throw new InvalidInputException("Invalid marker '" + value + "': image ids are UUIDs");
            }
            marker = new ImageId(value);
        }
        return new ImageQuery(filters, visibility, visibility == null, MemberStatus.ACCEPTED, false,
                List.of(sortKey(query)), limit, marker);
    }

    private static ImageQuery.SortKey sortKey(UriQuery query) {
        String key = query.contains("sort_key") ? query.get("sort_key") : "created_at";
        ImageQuery.SortKey.Column column = null;
        for (ImageQuery.SortKey.Column candidate : ImageQuery.SortKey.Column.values()) {
            if (candidate.wireName().equals(key)) {
                column = candidate;
            }
        }
        if (column == null) {
            throw new InvalidInputException("Unsupported sort_key '" + key + "'");
        }
        String dir = query.contains("sort_dir") ? query.get("sort_dir") : "desc";
        return switch (dir) {
            case "asc" -> new ImageQuery.SortKey(column, ImageQuery.SortKey.Direction.ASC);
            case "desc" -> new ImageQuery.SortKey(column, ImageQuery.SortKey.Direction.DESC);
            default -> throw new InvalidInputException("Unsupported sort_dir '" + dir + "' (asc or desc)");
        };
    }

    private static long number(String name, String value) {
        try {
            long number = Long.parseLong(value.trim());
            if (number < 0) {
                throw new InvalidInputException("Invalid " + name + " '" + value + "': must not be negative");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Invalid " + name + " '" + value + "': not an integer");
        }
    }
}
