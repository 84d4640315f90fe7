package io.glance.ports.in.metadef;

import io.glance.domain.metadef.MetadefNamespace;
import io.glance.domain.metadef.ResourceTypeAssociation;

import java.util.List;
import java.util.Map;

/** One page of namespaces with each one's resource-type associations (absent keys have none). */
public record NamespacePage(List<MetadefNamespace> namespaces,
                            Map<String, List<ResourceTypeAssociation>> associations) {

    public NamespacePage {
        namespaces = List.copyOf(namespaces);
        associations = Map.copyOf(associations);
    }
}
