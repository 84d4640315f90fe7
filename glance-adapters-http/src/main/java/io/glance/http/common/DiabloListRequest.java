package io.glance.http.common;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.Visibility;
import io.glance.http.ApiSettings;
import io.glance.ports.out.ImageFilter;
import io.glance.ports.out.ImageFilter.Column;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageQuery.SortKey;
import io.helidon.common.uri.UriQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The listing parameters of Diablo (spec §10), shared by GET /v1/images(/detail) and glance-registry's GET
 * /images(/detail): filters {@code name status container_format
 * disk_format size_min size_max min_ram min_disk is_public property-<k>}, {@code limit} (default
 * {@code limit_param_default}, at most {@code api_limit_max}), {@code marker}, {@code sort_key}, {@code sort_dir}.
 * Without {@code is_public} only public images are listed. {@code killed} and deleted images are never listed, as in
 * Diablo; the repository already leaves them out of every listing.
 *
 * @param query     what the repository is asked
 * @param keep      a condition the repository cannot express ({@code is_public=False}: any visibility but public),
 *                  applied to its pages by {@link #collect}
 */
public record DiabloListRequest(ImageQuery query, Predicate<Image> keep) {
    private static final Map<String, Column> EXACT = Map.of("name", Column.NAME, "status", Column.STATUS,
            "container_format", Column.CONTAINER_FORMAT, "disk_format", Column.DISK_FORMAT);
    private static final Map<String, Column> INTEGERS = Map.of("min_ram", Column.MIN_RAM, "min_disk",
            Column.MIN_DISK);
    private static final Map<String, SortKey.Column> SORT_KEYS = Map.of("name", SortKey.Column.NAME,
            "status", SortKey.Column.STATUS, "container_format", SortKey.Column.CONTAINER_FORMAT,
            "disk_format", SortKey.Column.DISK_FORMAT, "size", SortKey.Column.SIZE, "id", SortKey.Column.ID,
            "created_at", SortKey.Column.CREATED_AT, "updated_at", SortKey.Column.UPDATED_AT);
    private static final String PROPERTY_PREFIX = "property-";

    /** @throws InvalidInputException naming the parameter and its value */
    public static DiabloListRequest parse(UriQuery params, ApiSettings settings) {
        List<ImageFilter> filters = new ArrayList<>();
        EXACT.forEach((name, column) -> value(params, name).ifPresent(value ->
                filters.add(new ImageFilter.ColumnIn(column, List.of(value)))));
        INTEGERS.forEach((name, column) -> value(params, name).ifPresent(value ->
                filters.add(new ImageFilter.ColumnIn(column, List.of(Long.toString(number(name, value)))))));
        Long sizeMin = value(params, "size_min").map(value -> number("size_min", value)).orElse(null);
        Long sizeMax = value(params, "size_max").map(value -> number("size_max", value)).orElse(null);
        if (sizeMin != null || sizeMax != null) {
            filters.add(new ImageFilter.SizeBetween(sizeMin, sizeMax));
        }
        for (String name : params.names()) {
            if (name.startsWith(PROPERTY_PREFIX) && name.length() > PROPERTY_PREFIX.length()) {
                filters.add(new ImageFilter.PropertyEquals(name.substring(PROPERTY_PREFIX.length()),
                        params.get(name)));
            }
        }
        String isPublic = value(params, "is_public").orElse("true").strip().toLowerCase(Locale.ROOT);
        Visibility visibility;
        Predicate<Image> keep;
        switch (isPublic) {
            case "true" -> {
                visibility = Visibility.PUBLIC;
                keep = image -> true;
            }
            case "false" -> {
                visibility = null;
                keep = image -> image.visibility() != Visibility.PUBLIC;
            }
            case "none" -> {
                visibility = null;
                keep = image -> true;
            }
            default -> throw new InvalidInputException("Invalid is_public filter '" + isPublic
                    + "': use True, False or None");
        }
        List<SortKey> sort = List.of(new SortKey(sortKey(params), sortDirection(params)));
        ImageQuery query = new ImageQuery(filters, visibility, visibility == null, null, false, sort,
                limit(params, settings), marker(params));
        return new DiabloListRequest(query, keep);
    }

    /**
     * Reads pages from {@code pages} until the page is full of images this request keeps. Only
     * {@code is_public=False} ever drops images, so usually one page is read.
     */
    public List<Image> collect(Function<ImageQuery, List<Image>> pages) {
        List<Image> kept = new ArrayList<>();
        if (query.limit() == 0) {
            return kept;
        }
        ImageQuery page = query;
        while (true) {
            List<Image> images = pages.apply(page);
            for (Image image : images) {
                if (keep.test(image)) {
                    kept.add(image);
                    if (kept.size() == query.limit()) {
                        return kept;
                    }
                }
            }
            if (images.size() < page.limit()) {
                return kept;
            }
            page = new ImageQuery(page.filters(), page.visibility(), page.includeAllVisibility(),
                    page.memberStatus(), page.osHidden(), page.sort(), page.limit(), images.getLast().id());
        }
    }

    private static Optional<String> value(UriQuery params, String name) {
        return params.contains(name) ? Optional.of(params.get(name)) : Optional.empty();
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Invalid " + name + " filter '" + value + "': must be a whole number");
        }
    }

    private static int limit(UriQuery params, ApiSettings settings) {
        int cap = settings.apiLimitMax();
        if (!params.contains("limit")) {
            return Math.min(settings.limitParamDefault(), cap);
        }
        String value = params.get("limit");
        long limit;
        try {
            limit = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit param must be an integer: '" + value + "'");
        }
        if (limit < 0) {
            throw new InvalidInputException("limit param must be positive: '" + value + "'");
        }
        return (int) Math.min(limit, cap);
    }

    private static ImageId marker(UriQuery params) {
        if (!params.contains("marker")) {
            return null;
        }
        String value = params.get("marker");
        if (!ImageId.isValid(value)) {
            throw new InvalidInputException("Invalid marker '" + value + "': no image has that id");
        }
        return new ImageId(value);
    }

    private static SortKey.Column sortKey(UriQuery params) {
        String value = value(params, "sort_key").orElse("created_at");
        SortKey.Column column = SORT_KEYS.get(value);
        if (column == null) {
            throw new InvalidInputException("Unsupported sort_key '" + value + "'. Acceptable values: "
                    + SORT_KEYS.keySet().stream().sorted().toList());
        }
        return column;
    }

    private static SortKey.Direction sortDirection(UriQuery params) {
        String value = value(params, "sort_dir").orElse("desc");
        return switch (value) {
            case "asc" -> SortKey.Direction.ASC;
            case "desc" -> SortKey.Direction.DESC;
            default -> throw new InvalidInputException("Unsupported sort_dir '" + value
                    + "'. Acceptable values: asc, desc");
        };
    }
}
