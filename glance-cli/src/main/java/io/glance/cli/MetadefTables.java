package io.glance.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables python-glanceclient prints for the catalog: a Property/Value table for one document (nested values as
 * compact JSON), a one-or-more-column table for lists.
 */
final class MetadefTables {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetadefTables() {
    }

    static void document(PrintStream out, Map<String, Object> document) {
        List<List<String>> rows = new ArrayList<>();
        new TreeMap<>(document).forEach((key, value) -> rows.add(List.of(key, cell(value))));
        table(out, List.of("Property", "Value"), rows);
    }

    static void list(PrintStream out, List<String> columns, List<Map<String, Object>> items) {
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> item : items) {
            rows.add(columns.stream().map(column -> cell(item.get(column))).toList());
        }
        table(out, columns, rows);
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Boolean flag) {
            return flag ? "True" : "False";
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static void table(PrintStream out, List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder rule = new StringBuilder("+");
        for (int width : widths) {
            rule.append("-".repeat(width + 2)).append('+');
        }
        out.println(rule);
        out.println(line(header, widths));
        out.println(rule);
        rows.forEach(row -> out.println(line(row, widths)));
        out.println(rule);
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            line.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
        }
        return line.toString();
    }
}
