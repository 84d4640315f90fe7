package io.glance.ports.in.metadef;

import io.glance.domain.RequestContext;
import io.glance.domain.metadef.MetadefObject;

import java.util.List;

/** /v2/metadefs/namespaces/{ns}/objects[/{name}]. */
public interface MetadefObjects {

    MetadefObject create(RequestContext context, String namespace, MetadefObject object);

    List<MetadefObject> list(RequestContext context, String namespace);

    MetadefObject show(RequestContext context, String namespace, String name);

    /** Full replacement, may rename. */
    MetadefObject update(RequestContext context, String namespace, String name, MetadefObject replacement);

    void delete(RequestContext context, String namespace, String name);

    void deleteAll(RequestContext context, String namespace);
}
