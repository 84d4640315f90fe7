package io.glance.adapters.policy;

import io.glance.ports.out.PolicyCredentials;
import io.glance.ports.out.PolicyEnforcer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link PolicyEnforcer} with oslo.policy's semantics over Zed's rules: each rule is parsed once, when the policy is
 * loaded, and evaluated per request against the caller's credentials and the target.
 */
public final class OsloPolicy implements PolicyEnforcer {
    private final PolicyRules rules;
    private final boolean newDefaults;

    private OsloPolicy(PolicyRules rules, boolean newDefaults) {
        this.rules = rules;
        this.newDefaults = newDefaults;
    }

    /**
     * Glance's rules as the settings make them.
     *
     * @param usedElsewhere rule names other configuration refers to (the property protections file in
     *                      {@code policies} format); each must be defined, by Glance or the file
     * @throws PolicyConfigurationException naming the file and rule when the file cannot be used
     */
    public static OsloPolicy load(PolicySettings settings, Collection<String> usedElsewhere) {
        Objects.requireNonNull(settings, "settings is null");
        Map<String, String> overrides = settings.policyFile() == null ? Map.of()
                : PolicyFile.read(settings.policyFile());
        String source = settings.policyFile() == null ? "Glance's defaults"
                : "policy_file " + settings.policyFile();
        return new OsloPolicy(PolicyRules.build(ZedPolicyDefaults.all(), overrides, source,
                settings.enforceNewDefaults(), List.copyOf(usedElsewhere)), settings.enforceNewDefaults());
    }

    /** Glance's rules alone: {@code enforce_new_defaults} as given, no policy file. */
    public static OsloPolicy defaults(boolean enforceNewDefaults) {
        return load(new PolicySettings(null, enforceNewDefaults), List.of());
    }

    /** Glance's rules with the given entries as if they came from a policy file (for tests and tools). */
    public static OsloPolicy withOverrides(boolean enforceNewDefaults, Map<String, String> overrides) {
        return new OsloPolicy(PolicyRules.build(ZedPolicyDefaults.all(), overrides, "the given overrides",
                enforceNewDefaults, List.of()), enforceNewDefaults);
    }

    @Override
    public boolean allows(String rule, PolicyCredentials credentials, Map<String, String> target) {
        Objects.requireNonNull(credentials, "credentials is null");
        Objects.requireNonNull(target, "target is null");
        Check check = rules.rule(rule);
        if (check == null) {
            throw new IllegalArgumentException("No policy rule named '" + rule + "'");
        }
        return check.test(credentials, target, rules::rule);
    }

    @Override
    public boolean newDefaults() {
        return newDefaults;
    }
}
