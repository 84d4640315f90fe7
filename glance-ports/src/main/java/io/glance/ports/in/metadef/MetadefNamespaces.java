package io.glance.ports.in.metadef;

import io.glance.domain.RequestContext;
import io.glance.domain.metadef.MetadefNamespace;
import io.glance.domain.metadef.NamespaceDocument;

/** /v2/metadefs/namespaces and /v2/metadefs/namespaces/{ns}. Invisible namespaces are reported as missing. */
public interface MetadefNamespaces {

    /** @throws io.glance.domain.ForbiddenException when the marker exists but the caller cannot see it */
    NamespacePage list(RequestContext context, NamespaceListCommand command);

    /** Creates the namespace and its nested children in one step; answers with what was stored. */
    NamespaceDocument create(RequestContext context, NewNamespace namespace);

    /** The namespace with everything inside it. */
    NamespaceDocument show(RequestContext context, String namespace);

    /** Full replacement of the namespace's own fields (children untouched); may rename. */
    MetadefNamespace update(RequestContext context, String namespace, NewNamespace replacement);

    /** @throws io.glance.domain.ForbiddenException when the namespace is protected */
    void delete(RequestContext context, String namespace);
}
