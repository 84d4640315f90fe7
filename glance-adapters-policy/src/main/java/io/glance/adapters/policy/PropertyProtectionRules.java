package io.glance.adapters.policy;

import io.glance.domain.RequestContext;
import io.glance.ports.out.PolicyCredentials;
import io.glance.ports.out.PolicyEnforcer;
import io.glance.ports.out.PropertyProtection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code property_protection_file} as Glance reads it ({@code glance/common/property_utils.py}): each section is a
 * regular expression searched (unanchored) in the property name; the first section that matches, in file order,
 * decides; a property no section matches is denied every operation, to admins too. Each section must give
 * {@code create}, {@code read}, {@code update} and {@code delete}:
 * <ul>
 *     <li>{@code roles} format: a comma-separated list of roles, compared case-insensitively with the caller's;
 *     {@code @} allows everybody, {@code !} nobody, an empty value nobody (admins get no bypass);</li>
 *     <li>{@code policies} format: one policy rule name, evaluated with an empty target; {@code @} and {@code !} as
 *     above.</li>
 * </ul>
 * Everything Glance refuses at start-up is refused here too, with the section and operation named: a missing
 * operation, a bad regular expression, {@code @} together with {@code !}, a comma in {@code policies} format.
 */
public final class PropertyProtectionRules {

    /** {@code property_protection_rule_format}. */
    public enum RuleFormat {
        ROLES, POLICIES;

        /** @throws PolicyConfigurationException for anything but {@code roles} and {@code policies} */
        public static RuleFormat parse(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "roles" -> ROLES;
                case "policies" -> POLICIES;
                default -> throw new PolicyConfigurationException("Invalid value '" + value
                        + "' for property_protection_rule_format: the permitted values are 'roles' and 'policies'");
            };
        }
    }

    private record Section(String expression, Pattern pattern, Map<PropertyProtection.Operation, List<String>> grants) {
    }

    private final Path file;
    private final RuleFormat format;
    private final List<Section> sections;

    private PropertyProtectionRules(Path file, RuleFormat format, List<Section> sections) {
        this.file = file;
        this.format = format;
        this.sections = List.copyOf(sections);
    }

    /** @throws PolicyConfigurationException naming the file, the section and what is wrong */
    public static PropertyProtectionRules read(Path file, RuleFormat format) {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(format, "format is null");
        List<Section> sections = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> entry : IniFile.read(file).entrySet()) {
            String expression = entry.getKey();
            String where = "property protection rule [" + expression + "] in " + file;
            Pattern pattern;
            try {
                pattern = Pattern.compile(expression);
            } catch (PatternSyntaxException e) {
                throw new PolicyConfigurationException("Malformed " + where + ": not a regular expression ("
                        + e.getDescription() + ")", e);
            }
            Map<String, String> values = entry.getValue();
            for (String key : values.keySet()) {
                if (operation(key) == null) {
                    throw new PolicyConfigurationException("Unknown operation '" + key + "' in " + where
                            + " (create, read, update, delete)");
                }
            }
            Map<PropertyProtection.Operation, List<String>> grants = new EnumMap<>(PropertyProtection.Operation.class);
            for (PropertyProtection.Operation operation : PropertyProtection.Operation.values()) {
                String name = operation.name().toLowerCase(Locale.ROOT);
                String value = values.get(name);
                if (value == null) {
                    throw new PolicyConfigurationException("The " + where + " does not say who may " + name
                            + " (each section needs create, read, update and delete)");
                }
                grants.put(operation, grants(value, format, where + " " + name));
            }
            sections.add(new Section(expression, pattern, grants));
        }
        return new PropertyProtectionRules(file, format, sections);
    }

    private static List<String> grants(String value, RuleFormat format, String where) {
        if (value.isEmpty()) {
            return List.of();
        }
        if (format == RuleFormat.POLICIES) {
            if (value.contains(",")) {
                throw new PolicyConfigurationException("Multiple policies '" + value + "' are not allowed in " + where
                        + ": combine them in one rule of the policy file");
            }
            return List.of(value);
        }
        List<String> roles = new ArrayList<>();
        for (String role : value.split(",")) {
            roles.add(role.strip());
        }
        if (roles.contains("@") && roles.contains("!")) {
            throw new PolicyConfigurationException("Malformed " + where + " = " + value
                    + ": '@' and '!' are mutually exclusive");
        }
        return List.copyOf(roles);
    }

    private static PropertyProtection.Operation operation(String key) {
        for (PropertyProtection.Operation operation : PropertyProtection.Operation.values()) {
            if (operation.name().toLowerCase(Locale.ROOT).equals(key)) {
                return operation;
            }
        }
        return null;
    }

    /** The policy rules a {@code policies} file names, which the policy must define; empty for {@code roles}. */
    public Set<String> policyNames() {
        Set<String> names = new LinkedHashSet<>();
        if (format == RuleFormat.POLICIES) {
            for (Section section : sections) {
                section.grants().values().forEach(grants -> grants.stream()
                        .filter(name -> !name.equals("@") && !name.equals("!")).forEach(names::add));
            }
        }
        return names;
    }

    /** The protections, with {@code policy} deciding the rules a {@code policies} file names. */
    public PropertyProtection enforcedWith(PolicyEnforcer policy) {
        Objects.requireNonNull(policy, "policy is null");
        return (context, property, operation) -> allows(policy, context, property, operation);
    }

    private boolean allows(PolicyEnforcer policy, RequestContext context, String property,
                           PropertyProtection.Operation operation) {
        Section section = sections.stream().filter(candidate -> candidate.pattern().matcher(property).find())
                .findFirst().orElse(null);
        if (section == null) {
            return false;
        }
        List<String> grants = section.grants().get(operation);
        if (grants.isEmpty() || grants.contains("!")) {
            return false;
        }
        if (grants.contains("@")) {
            return true;
        }
        if (format == RuleFormat.POLICIES) {
            return policy.allows(grants.get(0), PolicyCredentials.of(context), Map.of());
        }
        for (String role : grants) {
            for (String held : context.roles()) {
                if (held.equalsIgnoreCase(role)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return sections.size() + " property protection rules (" + format.name().toLowerCase(Locale.ROOT)
                + ") from " + file;
    }
}
