package io.glance.http.v2;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON values as the plain Java values the ports take, and as Python prints them in Glance's messages. */
final class JsonValues {

    private JsonValues() {
    }

    /** null, String, Boolean, Long (integral numbers that fit), Double, List or Map, as PatchOperation documents. */
    static Object toJava(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            if (isIntegral(node) && node.canConvertToLong()) {
                return node.longValue();
            }
            return node.doubleValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(toJava(element)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            map.put(field.getKey(), toJava(field.getValue()));
        }
        return map;
    }

    /** Integers and integral floats such as {@code 1.0}, which jsonschema (draft 6 and later) counts as integers. */
    static boolean isIntegral(JsonNode node) {
        if (node.isIntegralNumber()) {
            return true;
        }
        if (!node.isNumber()) {
            return false;
        }
        double value = node.doubleValue();
        return !Double.isInfinite(value) && value == Math.rint(value);
    }

    /** Python's {@code repr} of the value, which jsonschema puts in its messages ({@code 'x' is not of type ...}). */
    static String repr(JsonNode node) {
        if (node == null || node.isNull()) {
            return "None";
        }
        if (node.isTextual()) {
            return "'" + node.textValue().replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "True" : "False";
        }
        return node.toString();
    }
}
