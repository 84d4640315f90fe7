package io.glance.application.metadef;

import io.glance.domain.ForbiddenException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.metadef.MetadefNamespace;
import io.glance.ports.out.metadef.MetadefRepository;

import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * Finds the namespace a request is about and decides whether the caller may see, change or delete in it. A
 * namespace the caller cannot see is reported exactly like a missing one.
 */
final class MetadefAccess {
    private final MetadefRepository repository;
    private final MetadefRules rules;

    MetadefAccess(MetadefRepository repository, MetadefRules rules) {
        this.repository = requireNonNull(repository, "repository is null");
        this.rules = requireNonNull(rules, "rules is null");
    }

    boolean seesAll(RequestContext context) {
        return rules.seesAllNamespaces(context);
    }

    boolean canSee(RequestContext context, MetadefNamespace namespace) {
        return seesAll(context) || namespace.isPublic()
                || (context.projectId() != null && Objects.equals(context.projectId(), namespace.owner()));
    }

    /** @throws NotFoundException when the namespace does not exist or the caller cannot see it */
    MetadefNamespace visible(RequestContext context, String namespace) {
        requireNonNull(namespace, "namespace is null");
        return repository.findNamespace(namespace)
                .filter(found -> canSee(context, found))
                .orElseThrow(() -> missing(namespace));
    }

    /** Visible, and the caller passes {@code rule} (a read rule of a child, e.g. {@code get_metadef_tags}). */
    MetadefNamespace readable(RequestContext context, String namespace, String rule) {
        MetadefNamespace found = visible(context, namespace);
        rules.check(context, "get_metadef_namespace", found);
        if (!rule.equals("get_metadef_namespace")) {
            rules.check(context, rule, found);
        }
        return found;
    }

    /** Visible, and the caller passes the write rule. */
    MetadefNamespace writable(RequestContext context, String namespace, String rule) {
        MetadefNamespace found = visible(context, namespace);
        rules.check(context, rule, found);
        return found;
    }

    /** Writable, and not protected. */
    MetadefNamespace deletable(RequestContext context, String namespace, String rule, String what) {
        MetadefNamespace found = writable(context, namespace, rule);
        if (found.protects()) {
            throw new ForbiddenException("Namespace " + namespace + " is protected: cannot delete " + what
                    + "; update it with \"protected\": false first");
        }
        return found;
    }

    /** A rule checked against a namespace that is being made or listed (owner and visibility as given). */
    void check(RequestContext context, String rule, String owner, String visibility) {
        rules.check(context, rule, owner, visibility);
    }

    /** A further rule about a namespace already found. */
    void check(RequestContext context, String rule, MetadefNamespace namespace) {
        rules.check(context, rule, namespace);
    }

    static NotFoundException missing(String namespace) {
        return new NotFoundException("Metadata definition namespace=" + namespace + " was not found.");
    }
}
