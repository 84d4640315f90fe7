package io.glance.http.v2;

import io.glance.domain.NotFoundException;
import io.glance.ports.in.GlanceUseCases;
import io.glance.http.ApiSettings;
import io.glance.http.common.StageHostProxy;
import io.glance.http.data.DataResponder;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;

/** The routes of the Images API v2, one service per Glance resource; paths here are after version negotiation. */
public final class ImagesApiV2 {

    private ImagesApiV2() {
    }

    public static void register(HttpRouting.Builder routing, GlanceUseCases ports, ApiSettings settings,
                                DataResponder responder) {
        SchemaDocuments schemas = SchemaDocuments.load();
        ImageSchemaValidator validator = new ImageSchemaValidator(schemas.image());
        StageHostProxy stageHosts = new StageHostProxy(ports.stagingOwner());
        // Glance's routes match whole paths: a trailing slash names no resource (GET /v2/images/ is 404, not the
        // list; DELETE /v2/images/ is 404, not 405), whatever the method. Helidon would route "/v2/images/" to
        // "/v2/images", so these are refused before any service sees them.
        routing.any("/v2/*", trailingSlashNotFound())
                .register("/v2/images",
                        new ImagesService(ports.catalog(), ports.locations(), ports.storeInfo(), ports.imports(), validator,
                                settings, stageHosts),
                        new ImageDataService(ports.data(), ports.storeInfo(), responder),
                        new ImageTagsService(ports.tags()),
                        new ImageMembersService(ports.members(), settings),
                        new ImageActionsService(ports.activation()),
                        new ImageImportService(ports.catalog(), ports.imports(), ports.storeInfo(), settings,
                                stageHosts),
                        new ResumableUploadsService(ports.resumableUploads(), stageHosts))
                .register("/v2/schemas", new SchemasService(schemas))
                .register("/v2/info", new InfoService(ports.storeInfo(), ports.imports(), ports.quotaUsage()))
                .register("/v2/tasks", new TasksService(ports.imports(), settings, validator))
                .register("/v2/stores", new StoresService(ports.data(), ports.storeInfo()))
                .register("/v2/cache", new CacheService(ports.cacheManagement()))
                // Everything else under /v2 (typos) is webob's plain 404.
                .any("/v2", notFound())
                .any("/v2/*", notFound());
    }

    private static Handler trailingSlashNotFound() {
        return (req, res) -> {
            if (req.path().rawPath().endsWith("/")) {
                throw new NotFoundException("The resource could not be found.");
            }
            res.next();
        };
    }

    private static Handler notFound() {
        return (req, res) -> {
            throw new NotFoundException("The resource could not be found.");
        };
    }
}
