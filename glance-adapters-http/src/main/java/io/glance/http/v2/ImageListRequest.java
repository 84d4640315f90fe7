package io.glance.http.v2;

import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.MemberStatus;
import io.glance.domain.Visibility;
import io.glance.http.ApiSettings;
import io.glance.ports.out.ImageFilter;
import io.glance.ports.out.ImageFilter.Column;
import io.glance.ports.out.ImageQuery;
import io.helidon.common.uri.UriQuery;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The query string of GET /v2/images turned into an {@link ImageQuery} (spec §2.1), with Glance's 400 answers for
 * values it cannot use. Keys that are not paging, sorting or a known filter filter on a custom property.
 */
final class ImageListRequest {
    private static final Set<String> HANDLED = Set.of("limit", "marker", "sort", "sort_key", "sort_dir",
            "member_status", "tag", "visibility", "os_hidden", "changes-since", "size_min", "size_max", "size",
            "created_at", "updated_at", "protected");
    /** Columns whose filter takes {@code in:} lists and {@code eq:}. */
    private static final Map<String, Column> LIST_COLUMNS = Map.of("name", Column.NAME, "id", Column.ID,
            "status", Column.STATUS, "container_format", Column.CONTAINER_FORMAT, "disk_format", Column.DISK_FORMAT);
    /** Columns matched exactly. */
    private static final Map<String, Column> EXACT_COLUMNS = Map.of("owner", Column.OWNER, "checksum",
            Column.CHECKSUM, "os_hash_value", Column.OS_HASH_VALUE);
    private static final Map<String, Column> INTEGER_COLUMNS = Map.of("min_disk", Column.MIN_DISK, "min_ram",
            Column.MIN_RAM, "virtual_size", Column.VIRTUAL_SIZE);
    private static final Set<String> COMPARISONS = Set.of("gt", "gte", "eq", "neq", "lt", "lte");
    private static final Set<String> TRUE_WORDS = Set.of("1", "t", "true", "on", "y", "yes");
    private static final Set<String> FALSE_WORDS = Set.of("0", "f", "false", "off", "n", "no");

    private ImageListRequest() {
    }

    static ImageQuery parse(UriQuery query, ApiSettings settings) {
        if (!last(query, "changes-since").orElse("").isEmpty()) {
            throw new InvalidInputException("The \"changes-since\" filter is no longer available on v2.");
        }
        Optional<String> visibilityParam = last(query, "visibility").filter(value -> !value.isEmpty());
        boolean allVisibilities = visibilityParam.filter("all"::equals).isPresent();
        Visibility visibility = visibilityParam.filter(value -> !allVisibilities).map(ImageListRequest::visibility)
                .orElse(null);
        return new ImageQuery(filters(query), visibility, allVisibilities, memberStatus(query), osHidden(query),
                SortParameters.parse(query), limit(query, settings), marker(query));
    }

    private static int limit(UriQuery query, ApiSettings settings) {
        Optional<String> given = first(query, "limit");
        if (given.isEmpty()) {
            return Math.min(settings.limitParamDefault(), settings.apiLimitMax());
        }
        BigInteger limit;
        try {
            limit = new BigInteger(given.get().strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit param must be an integer: " + given.get());
        }
        if (limit.signum() < 0) {
            throw new InvalidInputException("limit param must be positive: " + given.get());
        }
        return limit.min(BigInteger.valueOf(settings.apiLimitMax())).intValue();
    }

    private static ImageId marker(UriQuery query) {
        Optional<String> marker = first(query, "marker");
        if (marker.isEmpty()) {
            return null;
        }
        if (!ImageId.isValid(marker.get())) {
            throw new InvalidInputException("Invalid marker " + marker.get() + ": no image has that ID");
        }
        return new ImageId(marker.get());
    }

    private static MemberStatus memberStatus(UriQuery query) {
        String value = first(query, "member_status").orElse("accepted");
        if (value.equals("all")) {
            return null;
        }
        return switch (value) {
            case "pending", "accepted", "rejected" -> MemberStatus.fromWire(value);
            default -> throw new InvalidInputException("Invalid status: " + value
                    + " (member_status must be pending, accepted, rejected or all)");
        };
    }

    private static Visibility visibility(String value) {
        return switch (value) {
            case "public", "private", "shared", "community" -> Visibility.fromWire(value);
            default -> throw new InvalidInputException("Invalid visibility value: " + value);
        };
    }

    private static boolean osHidden(UriQuery query) {
        Optional<String> value = last(query, "os_hidden");
        if (value.isEmpty()) {
            return false;
        }
        String word = value.get().strip().toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(word)) {
            return true;
        }
        if (FALSE_WORDS.contains(word)) {
            return false;
        }
        throw new InvalidInputException("Invalid value '" + value.get() + "' for 'os_hidden' filter. Valid values"
                + " are 'true' or 'false'.");
    }

    private static List<ImageFilter> filters(UriQuery query) {
        List<ImageFilter> filters = new ArrayList<>();
        for (String tag : values(query, "tag")) {
            filters.add(new ImageFilter.HasTag(tag.strip()));
        }
        Long sizeMin = size(query, "size_min");
        Long sizeMax = size(query, "size_max");
        Long size = size(query, "size");
        if (size != null) {
            filters.add(new ImageFilter.SizeBetween(size, size));
        }
        if (sizeMin != null || sizeMax != null) {
            filters.add(new ImageFilter.SizeBetween(sizeMin, sizeMax));
        }
        last(query, "created_at").ifPresent(value ->
                filters.add(timeFilter(ImageFilter.TimeColumn.CREATED_AT, "created_at", value)));
        last(query, "updated_at").ifPresent(value ->
                filters.add(timeFilter(ImageFilter.TimeColumn.UPDATED_AT, "updated_at", value)));
        last(query, "protected").ifPresent(value -> {
            if (!value.equals("true") && !value.equals("false")) {
                throw new InvalidInputException("Invalid value '" + value + "' for 'protected' filter. Valid values"
                        + " are 'true' or 'false'.");
            }
            filters.add(new ImageFilter.ColumnIn(Column.PROTECTED, List.of(value)));
        });
        for (String key : query.names()) {
            if (key.isEmpty() || HANDLED.contains(key)) {
                continue;
            }
            String value = last(query, key).orElse("");
            if (LIST_COLUMNS.containsKey(key)) {
                filters.add(new ImageFilter.ColumnIn(LIST_COLUMNS.get(key), listFilter(key, value)));
            } else if (EXACT_COLUMNS.containsKey(key)) {
                filters.add(new ImageFilter.ColumnIn(EXACT_COLUMNS.get(key), List.of(value)));
            } else if (INTEGER_COLUMNS.containsKey(key)) {
                filters.add(new ImageFilter.ColumnIn(INTEGER_COLUMNS.get(key), List.of(integer(key, value))));
            } else {
                filters.add(new ImageFilter.PropertyEquals(key, value));
            }
        }
        return filters;
    }

    /**
     * {@code in:a,"b,c"}, {@code eq:a} or a bare value. Unlike Glance, a colon after a word that is no operator
     * is part of the value, so names like {@code ubuntu:22.04} can be looked up (openstackclient resolves names
     * with {@code ?name=}).
     */
    private static List<String> listFilter(String key, String expression) {
        int colon = expression.indexOf(':');
        String operator = colon < 0 ? "" : expression.substring(0, colon);
        if (operator.equals("in")) {
            return FilterValues.splitInList(expression.substring(colon + 1));
        }
        if (operator.equals("eq")) {
            return List.of(expression.substring(colon + 1));
        }
        if (COMPARISONS.contains(operator)) {
            throw new InvalidInputException("Unable to filter by unknown operator '" + operator + "' on " + key
                    + " (use in: or eq:).");
        }
        return List.of(expression);
    }

    /** {@code [op:]time}, where a bare ISO time (which has colons of its own) means {@code eq}. */
    private static ImageFilter timeFilter(ImageFilter.TimeColumn column, String key, String expression) {
        String operator = "eq";
        String time = expression;
        int colon = expression.indexOf(':');
        if (colon >= 0 && IsoTimes.parse(expression).isEmpty()) {
            operator = expression.substring(0, colon);
            time = expression.substring(colon + 1);
        }
        if (!COMPARISONS.contains(operator)) {
            throw new InvalidInputException("Unable to filter on a unknown operator '" + operator + "' in "
                    + key + "=" + expression + ".");
        }
        Instant threshold = IsoTimes.parse(time).orElseThrow(() -> new InvalidInputException("Bad \"" + key
                + "\" query filter format: " + expression + ". Use ISO 8601 DateTime notation."));
        return new ImageFilter.TimeCompare(column, ImageFilter.Comparison.valueOf(operator.toUpperCase(Locale.ROOT)),
                threshold);
    }

    private static Long size(UriQuery query, String key) {
        Optional<String> value = last(query, key);
        return value.map(text -> Long.valueOf(integer(key, text))).orElse(null);
    }

    private static String integer(String key, String value) {
        try {
            return Long.toString(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Unable to filter on " + key + " with a non-numeric value: " + value);
        }
    }

    /** The values of a repeated parameter; {@code ?k} without {@code =} counts as one empty value, as in webob. */
    static List<String> values(UriQuery query, String key) {
        if (!query.contains(key)) {
            return List.of();
        }
        List<String> values = query.all(key, List::of);
        return values.isEmpty() ? List.of("") : values;
    }

    /** What webob's {@code params.pop(key)} returns: the first value. */
    static Optional<String> first(UriQuery query, String key) {
        List<String> values = values(query, key);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** What webob's {@code params.get(key)} returns: the last value. */
    static Optional<String> last(UriQuery query, String key) {
        List<String> values = values(query, key);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
    }
}
