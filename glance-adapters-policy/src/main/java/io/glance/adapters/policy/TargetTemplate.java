package io.glance.adapters.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The right-hand side of a check, a Python {@code %}-format string over the target: {@code %(project_id)s} is
 * replaced by the target's value ({@code None} for a null one), {@code %%} by {@code %}. oslo.policy evaluates
 * {@code match % target}; other conversions would raise there, so they are refused when the policy is loaded.
 */
final class TargetTemplate {
    private final String text;
    /** Alternating literal text and key names: even indexes literal, odd indexes keys. */
    private final List<String> parts;

    private TargetTemplate(String text, List<String> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /** @throws IllegalArgumentException naming the problem when the text is not a valid template */
    static TargetTemplate parse(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 < text.length() && text.charAt(i + 1) == '%') {
                literal.append('%');
                i += 2;
                continue;
            }
            if (i + 1 >= text.length() || text.charAt(i + 1) != '(') {
                throw new IllegalArgumentException("'%' at position " + i + " of '" + text
                        + "' is not followed by (key)s; write %% for a literal %");
            }
            int close = text.indexOf(')', i + 2);
            if (close < 0) {
                throw new IllegalArgumentException("'%(' at position " + i + " of '" + text + "' is not closed");
            }
            if (close + 1 >= text.length() || text.charAt(close + 1) != 's') {
                throw new IllegalArgumentException("'" + text.substring(i, Math.min(text.length(), close + 2))
                        + "' in '" + text + "' is not a %(key)s substitution (only the s conversion is supported)");
            }
            parts.add(literal.toString());
            literal.setLength(0);
            parts.add(text.substring(i + 2, close));
            i = close + 2;
        }
        parts.add(literal.toString());
        return new TargetTemplate(text, parts);
    }

    /** The text with the target's values substituted, or {@code null} when the target lacks one of the keys. */
    String render(Map<String, String> target) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        StringBuilder rendered = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (i % 2 == 0) {
                rendered.append(part);
            } else {
                if (!target.containsKey(part)) {
                    return null;
                }
                String value = target.get(part);
                rendered.append(value == null ? "None" : value);
            }
        }
        return rendered.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
