package io.glance.application.metadef;

import io.glance.domain.ForbiddenException;
import io.glance.domain.RequestContext;
import io.glance.domain.metadef.MetadefNamespace;
import io.glance.ports.out.PolicyCredentials;
import io.glance.ports.out.PolicyEnforcer;

import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The catalog's policy checks as Glance's {@code MetadefAPIPolicy} makes them, by Zed's rule names: the target of a
 * rule about a namespace is its owner ({@code project_id}) and visibility; a refused rule is a 403, or a 404 when the
 * caller may not even {@code get_metadef_namespace} (so that a refusal does not reveal the namespace). With Zed's
 * defaults every read passes and every write needs {@code role:admin}.
 */
final class MetadefRules {
    private final PolicyEnforcer enforcer;

    MetadefRules(PolicyEnforcer enforcer) {
        this.enforcer = requireNonNull(enforcer, "enforcer is null");
    }

    /** Whether the caller sees namespaces regardless of visibility and owner (Glance's database-level is_admin). */
    boolean seesAllNamespaces(RequestContext context) {
        return context.admin();
    }

    /** A rule about one namespace, e.g. {@code modify_metadef_namespace} or {@code get_metadef_objects}. */
    void check(RequestContext context, String rule, MetadefNamespace namespace) {
        Map<String, String> target = target(namespace.owner(), namespace.shownVisibility());
        if (allows(context, rule, target)) {
            return;
        }
        if (!allows(context, "get_metadef_namespace", target)) {
            throw MetadefAccess.missing(namespace.namespace());
        }
        throw refused(rule);
    }

    /** A rule with no namespace yet (create, list): the target is the caller's project, or the one named. */
    void check(RequestContext context, String rule, String owner, String visibility) {
        if (!allows(context, rule, target(owner, visibility))) {
            throw refused(rule);
        }
    }

    private boolean allows(RequestContext context, String rule, Map<String, String> target) {
        return enforcer.allows(rule, PolicyCredentials.of(context), target);
    }

    private static Map<String, String> target(String owner, String visibility) {
        Map<String, String> target = new HashMap<>();
        target.put("project_id", owner);
        target.put("visibility", visibility);
        return target;
    }

    private static ForbiddenException refused(String rule) {
        return new ForbiddenException("Policy doesn't allow " + rule + " to be performed.");
    }
}
