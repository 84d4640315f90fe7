package io.glance.server.e2e;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The outcome of one Tempest run, read from {@code subunit2csv} (columns {@code test,status,start_time,stop_time};
 * ids with a comma in their {@code [id-…,smoke]} attributes are quoted). Ids are kept without those attributes, as
 * the expected-pass file lists them. Class-level entries such as {@code setUpClass (tempest.api….ListImagesTest)}
 * count like tests, as in Tempest's own totals.
 */
record TempestResults(Map<String, String> statusById) {

    static TempestResults parseCsv(String csv) {
        Map<String, String> statuses = new LinkedHashMap<>();
        String[] lines = csv.split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> fields = csvFields(lines[i]);
            if (fields.size() < 2) {
                throw new IllegalArgumentException("subunit2csv line " + (i + 1) + " has no status: " + lines[i]);
            }
            statuses.put(withoutAttributes(fields.get(0)), fields.get(1));
        }
        return new TempestResults(statuses);
    }

    /** {@code tempest.…Test.test_x[id-…,smoke]} → {@code tempest.…Test.test_x} */
    static String withoutAttributes(String testId) {
        int bracket = testId.indexOf('[');
        return bracket < 0 ? testId : testId.substring(0, bracket);
    }

    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    int ran() {
        return statusById.size();
    }

    TreeSet<String> withStatus(String... statuses) {
        TreeSet<String> ids = new TreeSet<>();
        List<String> wanted = List.of(statuses);
        statusById.forEach((id, status) -> {
            if (wanted.contains(status)) {
                ids.add(id);
            }
        });
        return ids;
    }

    TreeSet<String> passed() {
        return withStatus("success");
    }

    TreeSet<String> skipped() {
        return withStatus("skip");
    }

    /** Everything that neither passed nor was skipped: failures, errors, unexpected successes. */
    TreeSet<String> failed() {
        TreeSet<String> ids = new TreeSet<>(statusById.keySet());
        ids.removeAll(passed());
        ids.removeAll(skipped());
        return ids;
    }

    /** Those of {@code ids} that did not pass here (failed, skipped or never ran). */
    TreeSet<String> notPassedAmong(Collection<String> ids) {
        TreeSet<String> missing = new TreeSet<>(ids);
        missing.removeAll(passed());
        return missing;
    }
}
