package io.glance.adapters.policy;

import java.util.Objects;

/**
 * A rule as Glance registers it in code.
 *
 * @param name                  the rule's name, e.g. {@code modify_image}
 * @param checkString           the 2023.1 persona check string ({@code enforce_new_defaults=true})
 * @param deprecatedCheckString the check string of the rule's deprecated twin, or {@code null}: with
 *                              {@code enforce_new_defaults=false} oslo.policy allows what either string allows,
 *                              unless the policy file sets the rule
 */
record RuleDefault(String name, String checkString, String deprecatedCheckString) {

    RuleDefault {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(checkString, "checkString is null");
    }

    static RuleDefault of(String name, String checkString) {
        return new RuleDefault(name, checkString, null);
    }

    static RuleDefault deprecated(String name, String checkString, String deprecatedCheckString) {
        return new RuleDefault(name, checkString, deprecatedCheckString);
    }

    /** What the rule says with the given {@code enforce_new_defaults}. */
    String effectiveCheckString(boolean newDefaults) {
        if (newDefaults || deprecatedCheckString == null || deprecatedCheckString.equals(checkString)) {
            return checkString;
        }
        return "(" + (checkString.isEmpty() ? "@" : checkString) + ") or ("
                + (deprecatedCheckString.isEmpty() ? "@" : deprecatedCheckString) + ")";
    }
}
