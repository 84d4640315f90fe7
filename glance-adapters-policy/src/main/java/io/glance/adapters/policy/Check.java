package io.glance.adapters.policy;

import io.glance.ports.out.PolicyCredentials;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One node of a parsed check string (oslo.policy's {@code _checks}). {@link #toString()} renders it back in the
 * policy language, fully parenthesised, so a parse can be inspected.
 */
sealed interface Check {

    /**
     * @param rules resolves {@code rule:<name>} references
     */
    boolean test(PolicyCredentials credentials, Map<String, String> target, RuleLookup rules);

    /** Resolves the named rules a {@code rule:} check refers to. */
    @FunctionalInterface
    interface RuleLookup {
        /** The rule's check, or {@code null} when there is none. */
        Check rule(String name);
    }

    /** {@code @} (and the empty string): always allowed. */
    record Always() implements Check {
        @Override
        public boolean test(PolicyCredentials credentials, Map<String, String> target, RuleLookup rules) {
            return true;
        }

        @Override
        public String toString() {
            return "@";
        }
    }

    /** {@code !}: never allowed. */
    record Never() implements Check {
        @Override
        public boolean test(PolicyCredentials credentials, Map<String, String> target, RuleLookup rules) {
            return false;
        }

        @Override
        public String toString() {
            return "!";
        }
    }

    record Not(Check check) implements Check {
        @Override
        public boolean test(PolicyCredentials credentials, Map<String, String> target, RuleLookup rules) {
            return !check.test(credentials, target, rules);
        }

        @Override
        public String toString() {
            return "not " + check;
        }
    }

    record AllOf(List<Check> checks) implements Check {
        public AllOf {
            checks = List.copyOf(checks);
        }

        @Override
        public boolean test(PolicyCredentials credentials, Map<String, String> target, RuleLookup rules) {
            for (Check check : checks) {
                if (!check.test(credentials, target, rules)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return checks.stream().map(Check::toString).collect(Collectors.joining(" and ", "(", ")"));
        }
    }

    record AnyOf(List<Check> checks) implements Check {
        public AnyOf {
            checks = List.copyOf(checks);
        }

        @Override
        public boolean test(PolicyCredentials credentials, Map<String, String> target, RuleLookup rules) {
            for (Check check : checks) {
                if (check.test(credentials, target, rules)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return checks.stream().map(Check::toString).collect(Collectors.joining(" or ", "(", ")"));
        }
    }

    /** {@code rule:<name>}: another rule's verdict; a missing rule fails closed. */
    record RuleReference(String name) implements Check {
        @Override
        public boolean test(PolicyCredentials credentials, Map<String, String> target, RuleLookup rules) {
            Check rule = rules.rule(name);
            return rule != null && rule.test(credentials, target, rules);
        }

        @Override
        public String toString() {
            return "rule:" + name;
        }
    }

    /** {@code role:<name>}: the caller has the role, compared case-insensitively; the name may use the target. */
    record RoleCheck(TargetTemplate role) implements Check {
        @Override
        public boolean test(PolicyCredentials credentials, Map<String, String> target, RuleLookup rules) {
            String wanted = role.render(target);
            return wanted != null && credentials.roles().stream().anyMatch(wanted::equalsIgnoreCase);
        }

        @Override
        public String toString() {
            return "role:" + role;
        }
    }

    /**
     * {@code <kind>:<match>} for any other kind: the match (after {@code %(key)s} substitution from the target; a
     * missing key fails the check) equals either the literal kind ({@code 'public':%(visibility)s},
     * {@code True:%(x)s}) or the caller's credential of that name ({@code project_id:%(owner)s},
     * {@code is_admin:True}); for {@code roles}, any of the caller's roles.
     *
     * @param literal the kind's value when it is a literal, else {@code null}
     */
    record GenericCheck(String kind, String literal, TargetTemplate match) implements Check {
        @Override
        public boolean test(PolicyCredentials credentials, Map<String, String> target, RuleLookup rules) {
            String value = match.render(target);
            if (value == null) {
                return false;
            }
            if (literal != null) {
                return value.equals(literal);
            }
            if (kind.equals("roles")) {
                return credentials.roles().contains(value);
            }
            return value.equals(credentials.value(kind));
        }

        @Override
        public String toString() {
            return kind + ":" + match;
        }
    }
}
