package io.glance.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The original CLI's {@code field=value} arguments: a trailing comma is dropped, the argument must split into
 * exactly two parts on {@code =}, keys are lower-cased with {@code -} turned into {@code _}.
 */
final class Fields {
    private Fields() {
    }

    static Map<String, String> parse(List<String> arguments) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String argument : arguments) {
            String text = argument.endsWith(",") ? argument.substring(0, argument.length() - 1) : argument;
            String[] parts = text.split("=", -1);
            if (parts.length != 2 || parts[0].isEmpty()) {
                throw new UsageException("Arguments should be in the form of field=value. You specified "
                        + argument + ".");
            }
            fields.put(parts[0].toLowerCase(Locale.ROOT).replace('-', '_'), parts[1]);
        }
        return fields;
    }

    /** Cactus's truth for is_public: true, on or 1, any case. */
    static boolean isTrue(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("on") || lower.equals("1");
    }

    static long integer(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(key + " must be an integer, not '" + value + "'");
        }
    }
}
