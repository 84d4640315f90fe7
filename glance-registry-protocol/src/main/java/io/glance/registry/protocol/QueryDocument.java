package io.glance.registry.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.MemberStatus;
import io.glance.domain.Visibility;
import io.glance.ports.out.ImageFilter;
import io.glance.ports.out.ImageQuery;

import java.io.IOException;
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
        return Json.tree(json -> write(query, json));
    }

    /**
     * Writes the document to a generator, the one writer of it: glance-api sends every list's query this way, without
     * a tree to build and then serialise per list.
     */
    public static void write(ImageQuery query, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("filters");
        for (ImageFilter filter : query.filters()) {
            writeFilter(filter, json);
        }
        json.writeEndArray();
        json.writeStringField("visibility", query.visibility() == null ? null : query.visibility().wireName());
        json.writeBooleanField("include_all_visibility", query.includeAllVisibility());
        json.writeStringField("member_status", query.memberStatus() == null ? null
                : query.memberStatus().wireName());
        json.writeBooleanField("os_hidden", query.osHidden());
        json.writeArrayFieldStart("sort");
        for (ImageQuery.SortKey key : query.sort()) {
            json.writeStartObject();
            json.writeStringField("column", key.column().name());
            json.writeStringField("direction", key.direction().name());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("limit", query.limit());
        json.writeStringField("marker", query.marker() == null ? null : query.marker().value());
        json.writeEndObject();
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

    private static void writeFilter(ImageFilter filter, JsonGenerator json) throws IOException {
        json.writeStartObject();
        switch (filter) {
            case ImageFilter.ColumnIn in -> {
                json.writeStringField("type", "column_in");
                json.writeStringField("column", in.column().name());
                json.writeArrayFieldStart("values");
                for (String value : in.values()) {
                    json.writeString(value);
                }
                json.writeEndArray();
            }
            case ImageFilter.TimeCompare time -> {
                json.writeStringField("type", "time_compare");
                json.writeStringField("column", time.column().name());
                json.writeStringField("comparison", time.comparison().name());
                json.writeStringField("value", Json.instant(time.value()));
            }
            case ImageFilter.SizeBetween size -> {
                json.writeStringField("type", "size_between");
                Json.number(json, "min", size.min());
                Json.number(json, "max", size.max());
            }
            case ImageFilter.HasTag tag -> {
                json.writeStringField("type", "has_tag");
                json.writeStringField("tag", tag.tag());
            }
            case ImageFilter.PropertyEquals property -> {
                json.writeStringField("type", "property_equals");
                json.writeStringField("key", property.key());
                json.writeStringField("value", property.value());
            }
        }
        json.writeEndObject();
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
