package io.glance.registry.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.MemberStatus;
import io.glance.domain.Visibility;
import io.glance.ports.out.ImageFilter;
import io.glance.ports.out.ImageQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A listing query as a registry document ({@code POST /images/search}), every part of {@link ImageQuery} written out
 * so that the registry lists exactly what a local database would. Filters carry a {@code type}.
 */
public final class QueryDocument {
    private QueryDocument() {
    }

    public static ObjectNode write(ImageQuery query) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        ArrayNode filters = json.putArray("filters");
        for (ImageFilter filter : query.filters()) {
            filters.add(writeFilter(filter));
        }
        json.put("visibility", query.visibility() == null ? null : query.visibility().wireName());
        json.put("include_all_visibility", query.includeAllVisibility());
        json.put("member_status", query.memberStatus() == null ? null : query.memberStatus().wireName());
        json.put("os_hidden", query.osHidden());
        ArrayNode sort = json.putArray("sort");
        for (ImageQuery.SortKey key : query.sort()) {
            sort.addObject().put("column", key.column().name()).put("direction", key.direction().name());
        }
        json.put("limit", query.limit());
        json.put("marker", query.marker() == null ? null : query.marker().value());
        return json;
    }

    public static ImageQuery read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("Expected a query object, got " + json);
        }
        List<ImageFilter> filters = new ArrayList<>();
        JsonNode filterNodes = json.get("filters");
        if (filterNodes != null && filterNodes.isArray()) {
            filterNodes.forEach(node -> filters.add(readFilter(node)));
        }
        List<ImageQuery.SortKey> sort = new ArrayList<>();
        JsonNode sortNodes = json.get("sort");
        if (sortNodes != null && sortNodes.isArray()) {
            for (JsonNode node : sortNodes) {
                sort.add(new ImageQuery.SortKey(ImageQuery.SortKey.Column.valueOf(Json.text(node, "column")),
                        ImageQuery.SortKey.Direction.valueOf(Json.text(node, "direction"))));
            }
        }
        String visibility = Json.text(json, "visibility");
        String memberStatus = Json.text(json, "member_status");
        String marker = Json.text(json, "marker");
        Long limit = Json.number(json, "limit");
        return new ImageQuery(filters, visibility == null ? null : Visibility.fromWire(visibility),
                Json.flag(json, "include_all_visibility", false),
                memberStatus == null ? null : MemberStatus.fromWire(memberStatus), Json.flag(json, "os_hidden", false),
                sort, limit == null ? 25 : limit.intValue(), marker == null ? null : new ImageId(marker));
    }

    private static ObjectNode writeFilter(ImageFilter filter) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        switch (filter) {
            case ImageFilter.ColumnIn in -> {
                json.put("type", "column_in").put("column", in.column().name());
                ArrayNode values = json.putArray("values");
                in.values().forEach(values::add);
            }
            case ImageFilter.TimeCompare time -> json.put("type", "time_compare")
                    .put("column", time.column().name()).put("comparison", time.comparison().name())
                    .put("value", Json.instant(time.value()));
            case ImageFilter.SizeBetween size -> json.put("type", "size_between").put("min", size.min())
                    .put("max", size.max());
            case ImageFilter.HasTag tag -> json.put("type", "has_tag").put("tag", tag.tag());
            case ImageFilter.PropertyEquals property -> json.put("type", "property_equals")
                    .put("key", property.key()).put("value", property.value());
        }
        return json;
    }

    private static ImageFilter readFilter(JsonNode json) {
        String type = String.valueOf(Json.text(json, "type"));
        try {
            return switch (type) {
                case "column_in" -> {
                    List<String> values = new ArrayList<>();
                    json.get("values").forEach(value -> values.add(value.asText()));
                    yield new ImageFilter.ColumnIn(ImageFilter.Column.valueOf(Json.text(json, "column")), values);
                }
                case "time_compare" -> new ImageFilter.TimeCompare(
                        ImageFilter.TimeColumn.valueOf(Json.text(json, "column")),
                        ImageFilter.Comparison.valueOf(Json.text(json, "comparison")),
                        Instant.parse(Json.text(json, "value")));
                case "size_between" -> new ImageFilter.SizeBetween(Json.number(json, "min"), Json.number(json, "max"));
                case "has_tag" -> new ImageFilter.HasTag(Json.text(json, "tag"));
                case "property_equals" -> new ImageFilter.PropertyEquals(Json.text(json, "key"),
                        Json.text(json, "value"));
                default -> throw new InvalidInputException("Unknown filter type '" + type + "' in " + json);
            };
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("Invalid filter " + json + ": " + e.getMessage());
        }
    }
}
