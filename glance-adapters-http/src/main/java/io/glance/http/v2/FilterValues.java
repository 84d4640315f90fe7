package io.glance.http.v2;

import io.glance.domain.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * The value syntax of list filters: {@code in:a,"b,c"} lists, as Glance's {@code validate_quotes} and
 * {@code split_filter_value_for_quotes} read them (quotes group values that contain commas, {@code \"} escapes a
 * quote inside them).
 */
final class FilterValues {

    private FilterValues() {
    }

    /** Splits the part after {@code in:}. @throws InvalidInputException when a quote is misplaced or unclosed */
    static List<String> splitInList(String list) {
        validateQuotes(list);
        List<String> values = new ArrayList<>();
        int i = 0;
        int length = list.length();
        while (i < length) {
            char c = list.charAt(i);
            if (c == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (i < length && list.charAt(i) != '"') {
                    if (list.charAt(i) == '\\' && i + 1 < length) {
                        // Glance keeps the backslash: its regex captures escapes verbatim.
                        value.append(list.charAt(i)).append(list.charAt(i + 1));
                        i += 2;
                    } else {
                        value.append(list.charAt(i++));
                    }
                }
                values.add(value.toString());
                i++;
                if (i < length && list.charAt(i) == ',') {
                    i++;
                }
            } else if (c == ',') {
                values.add("");
                i++;
            } else {
                int comma = list.indexOf(',', i);
                int end = comma < 0 ? length : comma;
                values.add(list.substring(i, end));
                i = comma < 0 ? length : comma + 1;
            }
        }
        return values;
    }

    private static void validateQuotes(String value) {
        boolean open = true;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) != '"' || (i > 0 && value.charAt(i - 1) == '\\')) {
                continue;
            }
            if (open) {
                if (i > 0 && value.charAt(i - 1) != ',') {
                    throw new InvalidInputException("Invalid filter value " + value
                            + ". There is no comma before opening quotation mark.");
                }
            } else if (i + 1 != value.length() && value.charAt(i + 1) != ',') {
                throw new InvalidInputException("Invalid filter value " + value
                        + ". There is no comma after closing quotation mark.");
            }
            open = !open;
        }
        if (!open) {
            throw new InvalidInputException("Invalid filter value " + value + ". The quote is not closed.");
        }
    }
}
