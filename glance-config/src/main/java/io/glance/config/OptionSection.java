package io.glance.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named group of options, like oslo.config's {@code [keystone_authtoken]}: in YAML a map under the section's name,
 * on the command line {@code --section.option value}. Declare it beside the settings record that consumes it, as
 * options are, and read it with {@link OptionValues#section(OptionSection)}.
 *
 * @param name        the section name, e.g. {@code keystone_authtoken}
 * @param description one line for operators
 * @param options     the options the section accepts; others are refused at start
 */
public record OptionSection(String name, String description, List<Option<?>> options) {

    public OptionSection {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(description, "description is null");
        options = List.copyOf(options);
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("section names are lower case with underscores: " + name);
        }
    }

    public Optional<Option<?>> option(String optionName) {
        return options.stream().filter(option -> option.name().equals(optionName)).findFirst();
    }
}
