package io.glance.application.metadef;

import io.glance.domain.RequestContext;

/**
 * The policy decisions of the catalog, by Glance Zed's rule names. Zed's defaults: every read rule passes for any
 * authenticated caller, every write rule is {@code role:admin}, and admins see every namespace. This is the one seam
 * where the policy port will be asked instead.
 */
final class MetadefRules {

    /** Whether the caller sees namespaces regardless of visibility and owner. */
    boolean seesAllNamespaces(RequestContext context) {
        return context.admin();
    }

    /** @param rule a write rule, e.g. {@code add_metadef_namespace} */
    boolean allowsWrite(RequestContext context, String rule) {
        return context.admin();
    }
}
