package io.glance.ports.out;

import java.util.Map;

/**
 * Glance's policy (oslo.policy): named rules, each a check string over the caller's credentials and the target of
 * the request. Which rules exist and what they say (Zed's defaults, the operator's {@code policy_file},
 * {@code enforce_new_defaults}) is the adapter's business; callers only name rules.
 */
public interface PolicyEnforcer extends ContextIsAdmin {

    /** The rule that decides {@code is_admin}. */
    String CONTEXT_IS_ADMIN = "context_is_admin";

    /**
     * Whether the rule allows the caller to act on the target.
     *
     * @param rule        a rule name, e.g. {@code modify_image} or {@code get_metadef_namespace}
     * @param credentials the caller
     * @param target      what the request acts on, by the names check strings use ({@code project_id},
     *                    {@code owner}, {@code visibility}, {@code member_id}, ...); a value may be {@code null}
     * @throws IllegalArgumentException when no rule of that name is registered or defined in the policy file
     */
    boolean allows(String rule, PolicyCredentials credentials, Map<String, String> target);

    /**
     * Whether the rules are the secure-RBAC personas of 2023.1 ({@code enforce_new_defaults=true}) rather than what a
     * default Zed install enforces.
     */
    boolean newDefaults();

    @Override
    default boolean isAdmin(PolicyCredentials credentials) {
        return allows(CONTEXT_IS_ADMIN, new PolicyCredentials(credentials.roles(), credentials.projectId(), false,
                credentials.attributes()), Map.of());
    }
}
