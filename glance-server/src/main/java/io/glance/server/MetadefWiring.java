package io.glance.server;

import io.glance.application.metadef.MetadefServices;
import io.glance.http.MetadefPorts;

/** Hands the catalog's use cases to the HTTP adapter. */
final class MetadefWiring {

    private MetadefWiring() {
    }

    static MetadefPorts ports(MetadefServices services) {
        return new MetadefPorts(services.namespaces(), services.objects(), services.properties(), services.tags(),
                services.resourceTypes());
    }
}
