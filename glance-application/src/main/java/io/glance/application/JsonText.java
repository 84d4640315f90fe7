package io.glance.application;

/**
 * The little JSON the application writes itself (task inputs and results): strings quoted and escaped as RFC 8259
 * asks. Everything structured arrives already serialised from the HTTP adapter.
 */
final class JsonText {

    private JsonText() {
    }

    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static String array(java.util.List<String> values) {
        return "[" + String.join(", ", values.stream().map(JsonText::quote).toList()) + "]";
    }
}
