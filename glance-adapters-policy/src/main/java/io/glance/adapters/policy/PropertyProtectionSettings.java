package io.glance.adapters.policy;

import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.nio.file.Path;
import java.util.List;

/**
 * Glance's {@code property_protection_file} and {@code property_protection_rule_format}.
 *
 * @param file   the protections file, or {@code null}: no protections
 * @param format how the file names who may do what
 */
public record PropertyProtectionSettings(Path file, PropertyProtectionRules.RuleFormat format) {

    public static final Option<Path> PROPERTY_PROTECTION_FILE = Option.path("property_protection_file", null, "none",
            "INI file of property protections: a section per property regex, create/read/update/delete per section");
    public static final Option<PropertyProtectionRules.RuleFormat> PROPERTY_PROTECTION_RULE_FORMAT = Option.of(
            "property_protection_rule_format", PropertyProtectionRules.RuleFormat.ROLES, "roles",
            "roles (comma-separated role names) or policies (a policy rule name) in property_protection_file",
            PropertyProtectionSettings::parseFormat);
    public static final List<Option<?>> OPTIONS = List.of(PROPERTY_PROTECTION_FILE, PROPERTY_PROTECTION_RULE_FORMAT);

    public static PropertyProtectionSettings from(OptionValues values) {
        return new PropertyProtectionSettings(values.get(PROPERTY_PROTECTION_FILE),
                values.get(PROPERTY_PROTECTION_RULE_FORMAT));
    }

    private static PropertyProtectionRules.RuleFormat parseFormat(String text) {
        try {
            return PropertyProtectionRules.RuleFormat.parse(text);
        } catch (PolicyConfigurationException e) {
            throw new IllegalArgumentException("roles or policies", e);
        }
    }
}
