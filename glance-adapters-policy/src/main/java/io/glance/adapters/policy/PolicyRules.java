package io.glance.adapters.policy;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The effective rules: Glance's defaults (each as {@code enforce_new_defaults} makes it), replaced by the operator's
 * entries where the file sets them, plus the file's own helper rules. Built once at start-up; every check string is
 * parsed then, and the set is refused when
 * <ul>
 *     <li>a check string does not parse (the message names the rule and the string);</li>
 *     <li>a {@code rule:} reference names no rule (oslo.policy would deny quietly);</li>
 *     <li>the file defines a rule that is neither Glance's nor referred to by any rule or by the caller's list of
 *     further names (a misspelt rule name would otherwise be ignored, leaving the default in force).</li>
 * </ul>
 */
final class PolicyRules {
    private final Map<String, Check> rules;

    private PolicyRules(Map<String, Check> rules) {
        this.rules = Map.copyOf(rules);
    }

    /**
     * @param defaults     the rules registered in code
     * @param overrides    the policy file's entries, in file order ({@code name -> check string})
     * @param source       where the overrides come from, for messages
     * @param newDefaults  {@code enforce_new_defaults}
     * @param usedElsewhere rule names that other configuration refers to (property protections in {@code policies}
     *                     format), so the file may define them
     * @throws PolicyConfigurationException naming the rule and the source
     */
    static PolicyRules build(List<RuleDefault> defaults, Map<String, String> overrides, String source,
                             boolean newDefaults, Collection<String> usedElsewhere) {
        Map<String, String> checkStrings = new LinkedHashMap<>();
        Set<String> registered = new HashSet<>();
        for (RuleDefault rule : defaults) {
            checkStrings.put(rule.name(), rule.effectiveCheckString(newDefaults));
            registered.add(rule.name());
        }
        checkStrings.putAll(overrides);

        Map<String, Check> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : checkStrings.entrySet()) {
            try {
                parsed.put(entry.getKey(), CheckParser.parse(entry.getValue()));
            } catch (PolicySyntaxException e) {
                throw new PolicyConfigurationException("Policy rule '" + entry.getKey() + "'"
                        + (overrides.containsKey(entry.getKey()) ? " in " + source : "") + ": " + e.getMessage(), e);
            }
        }

        Set<String> referenced = new HashSet<>(usedElsewhere);
        for (Map.Entry<String, Check> entry : parsed.entrySet()) {
            for (String name : references(entry.getValue())) {
                if (!parsed.containsKey(name)) {
                    throw new PolicyConfigurationException("Policy rule '" + entry.getKey() + "'"
                            + (overrides.containsKey(entry.getKey()) ? " in " + source : "")
                            + " refers to rule:" + name + ", which is not defined");
                }
                referenced.add(name);
            }
        }
        for (String name : usedElsewhere) {
            if (!parsed.containsKey(name)) {
                throw new PolicyConfigurationException("Policy rule '" + name + "' is used by the property"
                        + " protections but is defined neither by Glance nor in " + source);
            }
        }
        checkNoCycles(parsed, overrides, source);
        for (String name : overrides.keySet()) {
            if (!registered.contains(name) && !referenced.contains(name)) {
                throw new PolicyConfigurationException("Unknown policy rule '" + name + "' in " + source
                        + ": it is not one of Glance's rules and no rule refers to it");
            }
        }
        return new PolicyRules(parsed);
    }

    /** The rule's parsed check, or {@code null}. */
    Check rule(String name) {
        return rules.get(name);
    }

    boolean defines(String name) {
        return rules.containsKey(name);
    }

    /** A rule that refers to itself, directly or through others, would never finish evaluating. */
    private static void checkNoCycles(Map<String, Check> parsed, Map<String, String> overrides, String source) {
        Map<String, Set<String>> edges = new LinkedHashMap<>();
        parsed.forEach((name, check) -> edges.put(name, references(check)));
        Set<String> done = new HashSet<>();
        for (String start : edges.keySet()) {
            visit(start, edges, done, new java.util.ArrayList<>(), overrides, source);
        }
    }

    private static void visit(String name, Map<String, Set<String>> edges, Set<String> done, List<String> path,
                              Map<String, String> overrides, String source) {
        if (done.contains(name)) {
            return;
        }
        int at = path.indexOf(name);
        if (at >= 0) {
            List<String> cycle = new java.util.ArrayList<>(path.subList(at, path.size()));
            cycle.add(name);
            throw new PolicyConfigurationException("Policy rules refer to each other in a circle ("
                    + String.join(" -> ", cycle) + ")"
                    + (cycle.stream().anyMatch(overrides::containsKey) ? " in " + source : ""));
        }
        path.add(name);
        for (String next : edges.getOrDefault(name, Set.of())) {
            visit(next, edges, done, path, overrides, source);
        }
        path.remove(path.size() - 1);
        done.add(name);
    }

    private static Set<String> references(Check root) {
        Set<String> names = new HashSet<>();
        Deque<Check> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Check check = pending.pop();
            switch (check) {
                case Check.RuleReference reference -> names.add(reference.name());
                case Check.Not not -> pending.push(not.check());
                case Check.AllOf all -> all.checks().forEach(pending::push);
                case Check.AnyOf any -> any.checks().forEach(pending::push);
                case Check.Always always -> { }
                case Check.Never never -> { }
                case Check.RoleCheck role -> { }
                case Check.GenericCheck generic -> { }
            }
        }
        return names;
    }
}
