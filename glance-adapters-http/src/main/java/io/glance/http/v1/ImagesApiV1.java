package io.glance.http.v1;

import io.glance.domain.NotFoundException;
import io.glance.ports.in.GlanceUseCases;
import io.glance.http.ApiSettings;
import io.glance.http.data.DataResponder;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;

/** The routes of the Images API v1; paths here are after version negotiation ({@code /v1.0/images} is /v1/images). */
public final class ImagesApiV1 {

    private ImagesApiV1() {
    }

    public static void register(HttpRouting.Builder routing, GlanceUseCases ports, ApiSettings settings,
                                DataResponder responder) {
        V1Memberships memberships = new V1Memberships(ports.catalog(), ports.members());
        routing.register("/v1/images",
                        new MembersV1Service(memberships, settings),
                        new ImagesV1Service(ports.catalog(), ports.data(), ports.storeInfo(),
                                new V1DataIn(ports.uploadV1(), ports.locations()), settings, responder))
                .register("/v1/shared-images", new SharedImagesV1Service(memberships))
                // Everything else under /v1 (/v1/versions too, as in Diablo) is a 404.
                .any("/v1", notFound())
                .any("/v1/*", notFound());
    }

    private static Handler notFound() {
        return (req, res) -> {
            throw new NotFoundException("The resource could not be found.");
        };
    }
}
