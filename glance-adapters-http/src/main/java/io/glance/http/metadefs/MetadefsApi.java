package io.glance.http.metadefs;

import io.glance.http.ApiSettings;
import io.glance.http.MetadefPorts;
import io.glance.http.errors.HttpStatusException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;

import java.util.Map;

/** The routes of /v2/metadefs, after version negotiation. */
public final class MetadefsApi {
    static final String PATH = "/v2/metadefs";

    private MetadefsApi() {
    }

    /**
     * @param ports the catalog's use cases, or null when this glance-api has no catalog (with
     *              {@code data_api: registry}: the Registry API has no metadefs), in which case every catalog
     *              request is answered 501 with that reason
     */
    public static void register(HttpRouting.Builder routing, MetadefPorts ports, ApiSettings settings) {
        if (ports == null) {
            routing.any(PATH, notImplemented()).any(PATH + "/*", notImplemented());
            return;
        }
        routing.register(PATH,
                new NamespacesService(ports.namespaces(), settings),
                new ObjectsService(ports.objects(), settings),
                new PropertiesService(ports.properties(), settings),
                new TagsService(ports.tags(), settings),
                new ResourceTypesService(ports.resourceTypes(), settings));
    }

    private static Handler notImplemented() {
        return (req, res) -> {
            throw new HttpStatusException(501, "The metadata definitions catalog is not available: this glance-api"
                    + " keeps its metadata in glance-registry (data_api: registry), whose API has no metadefs. Use"
                    + " data_api: database for /v2/metadefs.", Map.of());
        };
    }
}
