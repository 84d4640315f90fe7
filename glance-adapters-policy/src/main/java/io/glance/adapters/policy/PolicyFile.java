package io.glance.adapters.policy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An operator's {@code policy_file}: a YAML (or JSON) mapping of rule names to check strings, as
 * {@code oslopolicy-sample-generator} writes it. An empty file overrides nothing.
 */
final class PolicyFile {

    private PolicyFile() {
    }

    /**
     * The file's entries in file order.
     *
     * @throws PolicyConfigurationException when it cannot be read, is not a mapping, or a value is not a string
     */
    static Map<String, String> read(Path file) {
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new PolicyConfigurationException("Cannot read policy_file " + file + ": " + e, e);
        } catch (YAMLException e) {
            throw new PolicyConfigurationException("policy_file " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new PolicyConfigurationException("policy_file " + file + " must map rule names to check strings,"
                    + " not hold a " + document.getClass().getSimpleName());
        }
        Map<String, String> rules = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof String checkString)) {
                throw new PolicyConfigurationException("Policy rule '" + name + "' in " + file + " must be a check"
                        + " string (quote it), not " + (entry.getValue() == null ? "empty"
                        : "a " + entry.getValue().getClass().getSimpleName()));
            }
            rules.put(name, checkString);
        }
        return rules;
    }
}
