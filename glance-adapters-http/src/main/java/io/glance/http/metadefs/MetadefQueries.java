package io.glance.http.metadefs;

import io.glance.domain.InvalidInputException;
import io.glance.http.ApiSettings;
import io.glance.ports.in.metadef.NamespaceListCommand;
import io.glance.ports.out.metadef.NamespaceSortKey;
import io.glance.ports.out.metadef.SortDirection;
import io.glance.ports.out.metadef.TagQuery;
import io.glance.ports.out.metadef.TagSortKey;
import io.helidon.common.uri.UriQuery;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Query parameters of the catalog's lists. Where Glance answers 500 (a non-integer {@code limit}, an unknown
 * {@code sort_key}) these answer 400 naming the value; parameters a list does not know are ignored, as in Glance.
 */
final class MetadefQueries {

    private MetadefQueries() {
    }

    static NamespaceListCommand namespaces(UriQuery query, ApiSettings settings) {
        int limit = limit(query).map(given -> Math.min(given, settings.apiLimitMax()))
                .orElse(Math.min(settings.limitParamDefault(), settings.apiLimitMax()));
        String visibility = value(query, "visibility").orElse(null);
        if (visibility != null && !visibility.equals("public") && !visibility.equals("private")) {
            throw new InvalidInputException("Invalid visibility value: " + visibility
                    + " (namespaces are public or private)");
        }
        List<String> resourceTypes = value(query, "resource_types")
                .map(text -> Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        String sortKeyText = value(query, "sort_key").orElse("created_at");
        NamespaceSortKey sortKey = NamespaceSortKey.fromWire(sortKeyText).orElseThrow(() ->
                new InvalidInputException("Invalid sort_key '" + sortKeyText + "': namespaces sort by one of "
                        + NamespaceSortKey.allowed()));
        return new NamespaceListCommand(visibility, resourceTypes, value(query, "marker").orElse(null), limit,
                sortKey, sortDirection(query));
    }

    static TagQuery tags(UriQuery query) {
        checkVisibility(query);
        String sortKeyText = value(query, "sort_key").orElse("created_at");
        TagSortKey sortKey = TagSortKey.fromWire(sortKeyText).orElseThrow(() ->
                new InvalidInputException("Invalid sort_key '" + sortKeyText + "': tags sort by one of "
                        + TagSortKey.allowed()));
        return new TagQuery(value(query, "marker").orElse(null), limit(query).orElse(null), sortKey,
                sortDirection(query));
    }

    /** The object list checks these parameters as Glance does, then lists every object. */
    static void checkObjectList(UriQuery query) {
        Optional<Integer> limit = limit(query);
        if (limit.isPresent() && limit.get() == 0) {
            throw new InvalidInputException("limit param must be positive: 0");
        }
        sortDirection(query);
        checkVisibility(query);
    }

    private static void checkVisibility(UriQuery query) {
        Optional<String> visibility = value(query, "visibility");
        if (visibility.isPresent() && !Set.of("public", "private", "shared").contains(visibility.get())) {
            throw new InvalidInputException("Invalid visibility value: " + visibility.get());
        }
    }

    private static SortDirection sortDirection(UriQuery query) {
        String text = value(query, "sort_dir").orElse("desc");
        return switch (text) {
            case "asc" -> SortDirection.ASC;
            case "desc" -> SortDirection.DESC;
            default -> throw new InvalidInputException("Invalid sort direction: " + text
                    + " (sort_dir must be asc or desc)");
        };
    }

    private static Optional<Integer> limit(UriQuery query) {
        Optional<String> given = value(query, "limit");
        if (given.isEmpty()) {
            return Optional.empty();
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
        return Optional.of(limit.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue());
    }

    /** webob's {@code params.get}: the last value of a repeated parameter. */
    static Optional<String> value(UriQuery query, String key) {
        if (!query.contains(key)) {
            return Optional.empty();
        }
        List<String> values = query.all(key, List::of);
        return Optional.of(values.isEmpty() ? "" : values.getLast());
    }
}
