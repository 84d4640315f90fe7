package io.glance.http.v2;

import io.glance.domain.InvalidInputException;
import io.glance.ports.out.ImageQuery.SortKey;
import io.helidon.common.uri.UriQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two sort syntaxes of GET /v2/images, which may not be mixed: classic repeated {@code sort_key} and
 * {@code sort_dir} (one direction for all keys, or one per key), and {@code sort=name:asc,size}. Default:
 * {@code created_at desc}.
 */
final class SortParameters {
    private static final String DEFAULT_DIRECTION = "desc";

    private SortParameters() {
    }

    static List<SortKey> parse(UriQuery query) {
        List<String> keys = new ArrayList<>();
        List<String> directions = new ArrayList<>();
        if (query.contains("sort")) {
            if (query.contains("sort_key") || query.contains("sort_dir")) {
                throw new InvalidInputException("Old and new sorting syntax cannot be combined: use either sort or"
                        + " sort_key/sort_dir");
            }
            for (String item : ImageListRequest.first(query, "sort").orElse("").strip().split(",", -1)) {
                int colon = item.indexOf(':');
                keys.add(item.substring(0, colon < 0 ? item.length() : colon).strip());
                String direction = colon < 0 ? "" : item.substring(colon + 1).strip();
                directions.add(direction.isEmpty() ? DEFAULT_DIRECTION : direction);
            }
        } else {
            ImageListRequest.values(query, "sort_key").forEach(key -> keys.add(key.strip()));
            ImageListRequest.values(query, "sort_dir").forEach(direction -> directions.add(direction.strip()));
            if (directions.size() > 1 && directions.size() != keys.size()) {
                throw new InvalidInputException("Number of sort dirs does not match the number of sort keys: "
                        + directions.size() + " sort_dir for " + keys.size() + " sort_key");
            }
        }
        if (keys.isEmpty()) {
            keys.add(SortKey.Column.CREATED_AT.wireName());
        }
        if (directions.isEmpty()) {
            directions.add(DEFAULT_DIRECTION);
        }
        List<SortKey> sort = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            String direction = directions.size() == 1 ? directions.getFirst() : directions.get(i);
            sort.add(new SortKey(column(keys.get(i)), direction(direction)));
        }
        return sort;
    }

    private static SortKey.Column column(String key) {
        for (SortKey.Column column : SortKey.Column.values()) {
            if (column.wireName().equals(key)) {
                return column;
            }
        }
        List<String> available = new ArrayList<>();
        for (SortKey.Column column : SortKey.Column.values()) {
            available.add(column.wireName());
        }
        throw new InvalidInputException("Invalid sort key: " + key + ". It must be one of the following: "
                + String.join(", ", available) + ".");
    }

    private static SortKey.Direction direction(String direction) {
        return switch (direction) {
            case "asc", "desc" -> SortKey.Direction.valueOf(direction.toUpperCase(Locale.ROOT));
            default -> throw new InvalidInputException("Invalid sort direction: " + direction
                    + " (must be asc or desc)");
        };
    }
}
