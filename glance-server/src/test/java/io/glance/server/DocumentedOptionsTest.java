package io.glance.server;

import io.glance.config.Option;
import io.glance.config.OptionSection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's options table and etc/glance-api.yaml document exactly the options the host declares
 * ({@link HostOptions}), with the declared defaults: a new option that is not documented, or a documented one that no
 * longer exists, fails here.
 */
class DocumentedOptionsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SAMPLE = Path.of("..", "etc", "glance-api.yaml");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z0-9_.]+)` \\| (.*?) \\| .+ \\|$");
    private static final Pattern SAMPLE_KEY = Pattern.compile("^#?([a-z][a-z0-9_]*):(?: |$)");

    @Test
    void readmeTableListsEveryHostOptionWithItsDefault() throws IOException {
        Map<String, String> documented = readmeTable();
        Map<String, String> declared = new LinkedHashMap<>();
        HostOptions.OPTIONS.forEach(option -> declared.put(option.name(), option.defaultText()));
        for (OptionSection section : HostOptions.SECTIONS) {
            section.options().forEach(option -> declared.put(section.name() + "." + option.name(),
                    option.defaultText()));
        }
        assertThat(documented).isEqualTo(declared);
    }

    @Test
    void sampleShowsEveryHostOptionAndNothingElseAtTheTopLevel() throws IOException {
        Set<String> shown = new TreeSet<>();
        for (String line : Files.readAllLines(SAMPLE)) {
            Matcher key = SAMPLE_KEY.matcher(line);
            if (key.find()) {
                shown.add(key.group(1));
            }
        }
        Set<String> declared = new TreeSet<>();
        HostOptions.OPTIONS.forEach(option -> declared.add(option.name()));
        HostOptions.SECTIONS.forEach(section -> declared.add(section.name()));
        Set<String> storeKeys = HostOptionsTest.bundledPluginKeys();
        assertThat(shown).as("every host option, commented out or set").containsAll(declared);
        assertThat(shown).as("only host options and the bundled stores' options")
                .allMatch(key -> declared.contains(key) || storeKeys.contains(key));
    }

    /** The rows of the table under "## Options": option name to its default column. */
    private static Map<String, String> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int start = lines.indexOf("## Options");
        assertThat(start).as("README has an Options section").isNotNegative();
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith("| option | default |")) {
                inTable = true;
            } else if (inTable && !line.startsWith("|")) {
                break;
            } else if (inTable) {
                Matcher row = TABLE_ROW.matcher(line);
                if (row.matches()) {
                    rows.put(row.group(1), row.group(2));
                }
            }
        }
        return rows;
    }
}
