package io.glance.application;

import io.glance.domain.InvalidInputException;
import io.glance.domain.Visibility;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the JSON values of patch operations into attribute values, refusing wrong types with a 400 that names the
 * attribute and the value (Glance checks each value against the image schema as {@code {key: value}}).
 */
final class PatchValues {

    private PatchValues() {
    }

    /** A string or JSON null. */
    static String nullableString(String attribute, Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw invalid(attribute, value, "a string or null");
    }

    /** A string; custom properties and enums must have one. */
    static String string(String attribute, Object value) {
        if (value instanceof String text) {
            return text;
        }
        throw invalid(attribute, value, "a string");
    }

    static boolean bool(String attribute, Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw invalid(attribute, value, "a boolean");
    }

    /** An integer from 0 to {@link Integer#MAX_VALUE} ({@code min_disk}, {@code min_ram}). */
    static int nonNegativeInt(String attribute, Object value) {
        long number;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            number = ((Number) value).longValue();
        } else if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            // JSON 1.0 is an integer to the schema (draft 6 and later count integral numbers as integers).
            number = d.longValue();
        } else {
            throw invalid(attribute, value, "an integer");
        }
        if (number < 0 || number > Integer.MAX_VALUE) {
            throw invalid(attribute, value, "an integer from 0 to " + Integer.MAX_VALUE);
        }
        return (int) number;
    }

    static Visibility visibility(Object value) {
        return Visibility.fromWire(string("visibility", value));
    }

    /** The whole tag list: strings, each checked for length. */
    static List<String> tags(Object value) {
        if (!(value instanceof List<?> list)) {
            throw invalid("tags", value, "an array of strings");
        }
        List<String> tags = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof String tag)) {
                throw invalid("tags", value, "an array of strings");
            }
            AttributeRules.checkTag(tag);
            tags.add(tag);
        }
        return tags;
    }

    private static InvalidInputException invalid(String attribute, Object value, String expected) {
        return new InvalidInputException("Invalid value for '" + attribute + "': " + describe(value) + " is not "
                + expected);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "'" + AttributeRules.abbreviate(text) + "'";
        }
        return AttributeRules.abbreviate(String.valueOf(value));
    }
}
