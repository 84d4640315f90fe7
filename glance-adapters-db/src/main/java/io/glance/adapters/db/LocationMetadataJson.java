package io.glance.adapters.db;

import java.util.Map;
import java.util.TreeMap;

/**
 * Location metadata as the flat JSON object of strings that Glance keeps in {@code image_locations.meta_data}
 * (e.g. {@code {"store":"file1"}}). Hand-written because the adapter needs only this one shape and should not pull a
 * JSON library into the host for it.
 */
final class LocationMetadataJson {

    private LocationMetadataJson() {
    }

    /** Keys in sorted order, so equal maps give equal text. */
    static String write(Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> entry : new TreeMap<>(metadata).entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            appendString(json, entry.getKey());
            json.append(':');
            appendString(json, entry.getValue());
        }
        return json.append('}').toString();
    }

    /** @throws IllegalArgumentException naming the text when it is not a flat object of strings */
    static Map<String, String> read(String json) {
        return new Reader(json).object();
    }

    private static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private static final class Reader {
        private final String json;
        private int position;

        Reader(String json) {
            this.json = json;
        }

        Map<String, String> object() {
            Map<String, String> result = new TreeMap<>();
            expect('{');
            if (peek() == '}') {
                position++;
            } else {
                do {
                    String key = string();
                    expect(':');
                    result.put(key, string());
                } while (consumeComma());
                expect('}');
            }
            skipWhitespace();
            if (position != json.length()) {
                throw malformed("trailing characters");
            }
            return result;
        }

        private boolean consumeComma() {
            if (peek() == ',') {
                position++;
                return true;
            }
            return false;
        }

        private String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                if (position >= json.length()) {
                    throw malformed("unterminated string");
                }
                char c = json.charAt(position++);
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (position >= json.length()) {
                    throw malformed("unterminated escape");
                }
                char escape = json.charAt(position++);
                switch (escape) {
                    case '"', '\\', '/' -> value.append(escape);
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'u' -> value.append(unicodeEscape());
                    default -> throw malformed("unknown escape \\" + escape);
                }
            }
        }

        private char unicodeEscape() {
            if (position + 4 > json.length()) {
                throw malformed("short \\u escape");
            }
            try {
                char c = (char) Integer.parseInt(json.substring(position, position + 4), 16);
                position += 4;
                return c;
            } catch (NumberFormatException e) {
                throw malformed("bad \\u escape");
            }
        }

        private char peek() {
            skipWhitespace();
            if (position >= json.length()) {
                throw malformed("unexpected end");
            }
            return json.charAt(position);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw malformed("expected '" + c + "' at offset " + position);
            }
            position++;
        }

        private void skipWhitespace() {
            while (position < json.length() && Character.isWhitespace(json.charAt(position))) {
                position++;
            }
        }

        private IllegalArgumentException malformed(String problem) {
            return new IllegalArgumentException("Location metadata is not a flat JSON object of strings (" + problem
                    + "): " + json);
        }
    }
}
