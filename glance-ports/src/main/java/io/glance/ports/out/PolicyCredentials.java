package io.glance.ports.out;

import io.glance.domain.RequestContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a policy rule may ask about the caller: oslo.context's policy values. A check such as {@code role:member},
 * {@code project_id:%(owner)s} or {@code is_admin:True} reads one of them; identity attributes that the request
 * context does not carry (yet) are simply absent, and a check that asks for one fails.
 *
 * @param roles      the caller's role names (compared case-insensitively)
 * @param projectId  the caller's project, or {@code null}
 * @param admin      {@code is_admin}: whether the caller is Glance-admin ({@code false} while {@code context_is_admin}
 *                   itself is being decided)
 * @param attributes further values by their oslo.context names ({@code user_id}, {@code domain_id},
 *                   {@code user_domain_id}, {@code project_domain_id}, {@code system_scope}, ...)
 */
public record PolicyCredentials(Set<String> roles, String projectId, boolean admin, Map<String, String> attributes) {

    public PolicyCredentials {
        roles = Set.copyOf(roles);
        attributes = Map.copyOf(attributes);
    }

    /** The credentials of a request context. */
    public static PolicyCredentials of(RequestContext context) {
        Objects.requireNonNull(context, "context is null");
        return new PolicyCredentials(context.roles(), context.projectId(), context.admin(), Map.of());
    }

    /**
     * The value of one credential by its oslo.context name, as Python's {@code str()} would render it (so
     * {@code True}/{@code False} and {@code None}); {@code null} when the credentials have no such key. Roles are a
     * list and answered by {@link #roles()}.
     */
    public String value(String key) {
        return switch (key) {
            case "project_id", "tenant" -> projectId == null ? "None" : projectId;
            case "is_admin" -> admin ? "True" : "False";
            default -> attributes.get(key);
        };
    }

    /** A copy with further attributes (later ones win). */
    public PolicyCredentials with(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(attributes);
        all.putAll(more);
        return new PolicyCredentials(roles, projectId, admin, all);
    }
}
