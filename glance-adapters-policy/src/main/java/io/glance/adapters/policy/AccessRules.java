package io.glance.adapters.policy;

import io.glance.ports.out.PropertyProtection;

import java.util.Objects;
import java.util.Set;

/**
 * The policy and the property protections, loaded together at start-up because each needs the other: a protections
 * file in {@code policies} format names rules the policy must define, and those rules decide the protections.
 *
 * @param policy             the policy
 * @param propertyProtection the protections, or {@link PropertyProtection#NONE} without a file
 * @param description        one line for the start-up log
 */
public record AccessRules(OsloPolicy policy, PropertyProtection propertyProtection, String description) {

    public AccessRules {
        Objects.requireNonNull(policy, "policy is null");
        Objects.requireNonNull(propertyProtection, "propertyProtection is null");
        Objects.requireNonNull(description, "description is null");
    }

    /** @throws PolicyConfigurationException naming the file, rule or section that cannot be used */
    public static AccessRules load(PolicySettings policySettings, PropertyProtectionSettings protectionSettings) {
        Objects.requireNonNull(policySettings, "policySettings is null");
        Objects.requireNonNull(protectionSettings, "protectionSettings is null");
        PropertyProtectionRules rules = protectionSettings.file() == null ? null
                : PropertyProtectionRules.read(protectionSettings.file(), protectionSettings.format());
        OsloPolicy policy = OsloPolicy.load(policySettings, rules == null ? Set.of() : rules.policyNames());
        String description = "policy: " + (policySettings.policyFile() == null ? "Glance's defaults"
                : policySettings.policyFile()) + ", enforce_new_defaults " + policySettings.enforceNewDefaults()
                + "; property protections: " + (rules == null ? "none" : rules);
        return new AccessRules(policy, rules == null ? PropertyProtection.NONE : rules.enforcedWith(policy),
                description);
    }
}
