package io.glance.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Option texts from every source, merged (flags over environment over file), with keys {@code name} or
 * {@code section.name}; read typed through the options that declare them. Holds no defaults of its own: an absent
 * option is its declaration's default.
 */
public final class OptionValues {
    private final Map<String, String> values;
    private final String prefix;

    private OptionValues(Map<String, String> values, String prefix) {
        this.values = values;
        this.prefix = prefix;
    }

    public static OptionValues of(Map<String, String> values) {
        return new OptionValues(Map.copyOf(values), "");
    }

    /** The option's value, or its default when absent. @throws ConfigurationException naming key and value */
    public <T> T get(Option<T> option) {
        String text = values.get(option.name());
        return text == null ? option.defaultValue() : option.parse(prefix + option.name(), text);
    }

    /** The text given for {@code key}, if any. */
    public Optional<String> text(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The values of one section ({@code section.key} keys, without the prefix). */
    public OptionValues section(OptionSection section) {
        return section(section.name());
    }

    /** The values under {@code name.}, e.g. one store's section of {@code enabled_backends}. */
    public OptionValues section(String name) {
        Objects.requireNonNull(name, "name is null");
        Map<String, String> inside = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(name + ".")) {
                inside.put(key.substring(name.length() + 1), value);
            }
        });
        return new OptionValues(Map.copyOf(inside), prefix + name + ".");
    }

    /** Every key and its text, e.g. to hand a store's section to its driver. */
    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OptionValues that && values.equals(that.values) && prefix.equals(that.prefix);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "OptionValues" + values.keySet();
    }
}
