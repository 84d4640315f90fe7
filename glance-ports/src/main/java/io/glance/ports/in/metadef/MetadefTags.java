package io.glance.ports.in.metadef;

import io.glance.domain.RequestContext;
import io.glance.domain.metadef.MetadefTag;
import io.glance.ports.out.metadef.TagQuery;

import java.util.List;

/** /v2/metadefs/namespaces/{ns}/tags[/{tag}]. */
public interface MetadefTags {

    /** Bulk create: replaces the namespace's tags, or with {@code append} adds to them; all or nothing. */
    List<MetadefTag> createAll(RequestContext context, String namespace, List<String> names, boolean append);

    MetadefTag create(RequestContext context, String namespace, String name);

    List<MetadefTag> list(RequestContext context, String namespace, TagQuery query);

    MetadefTag show(RequestContext context, String namespace, String name);

    MetadefTag update(RequestContext context, String namespace, String name, String newName);

    void delete(RequestContext context, String namespace, String name);

    void deleteAll(RequestContext context, String namespace);
}
