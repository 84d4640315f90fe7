package io.glance.adapters.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The INI dialect of Python's {@code configparser} as Glance reads its property protections file: {@code [section]}
 * headers (everything between the first {@code [} and the last {@code ]}, so {@code [^x_.*]} names the section
 * {@code ^x_.*}), {@code key = value} or {@code key: value} lines with keys lower-cased and both sides trimmed,
 * {@code #} and {@code ;} comment lines, and a {@code [DEFAULT]} section whose keys every other section inherits.
 * Like {@code configparser}'s strict mode it refuses a section or a key given twice; unlike it, it also refuses
 * continuation lines, which a protections file has no use for.
 */
final class IniFile {

    private IniFile() {
    }

    /**
     * The sections in file order, each with its keys (including those inherited from {@code [DEFAULT]}).
     *
     * @throws PolicyConfigurationException naming the file and line
     */
    static Map<String, Map<String, String>> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyConfigurationException("Cannot read " + file + ": " + e, e);
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = raw.strip();
            String where = file + " line " + (i + 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && current != null) {
                throw new PolicyConfigurationException(where + ": continuation lines are not supported ('" + line
                        + "')");
            }
            if (line.startsWith("[") && line.endsWith("]") && line.length() > 2) {
                String name = line.substring(1, line.length() - 1);
                if (name.equals("DEFAULT")) {
                    current = defaults;
                    continue;
                }
                if (sections.containsKey(name)) {
                    throw new PolicyConfigurationException(where + ": section [" + name + "] appears twice");
                }
                current = new LinkedHashMap<>();
                sections.put(name, current);
                continue;
            }
            int separator = separator(line);
            if (separator <= 0) {
                throw new PolicyConfigurationException(where + ": expected [section] or key = value, not '" + line
                        + "'");
            }
            if (current == null) {
                throw new PolicyConfigurationException(where + ": '" + line + "' comes before any [section]");
            }
            String key = line.substring(0, separator).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(separator + 1).strip();
            if (current.put(key, value) != null) {
                throw new PolicyConfigurationException(where + ": '" + key + "' is set twice in its section");
            }
        }
        Map<String, Map<String, String>> resolved = new LinkedHashMap<>();
        sections.forEach((name, keys) -> {
            Map<String, String> all = new LinkedHashMap<>(defaults);
            all.putAll(keys);
            resolved.put(name, all);
        });
        return resolved;
    }

    /** The first {@code =} or {@code :}, whichever comes first. */
    private static int separator(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }
}
