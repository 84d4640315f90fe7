package io.glance.http;

import io.glance.http.common.HealthcheckFilter;
import io.glance.http.common.RequestContextFilter;
import io.glance.http.errors.ErrorResponder;
import io.glance.http.v1.ImagesApiV1;
import io.glance.http.v2.ImagesApiV2;
import io.glance.http.versions.VersionNegotiationFilter;
import io.helidon.webserver.http.HttpRouting;

import static java.util.Objects.requireNonNull;

/**
 * Installs the Glance API on a Helidon routing: the bootstrap calls {@link #register} once, and tests call it to get
 * the same routing. Requests pass, in order: request id and caller context, healthcheck, version negotiation, then
 * the v2 and v1 routes; every failure is answered by one error handler.
 */
public final class GlanceApiRouting {

    private GlanceApiRouting() {
    }

    public static void register(HttpRouting.Builder routing, ApiPorts ports, ApiSettings settings) {
        requireNonNull(routing, "routing is null");
        requireNonNull(ports, "ports is null");
        requireNonNull(settings, "settings is null");
        routing.addFilter(new RequestContextFilter())
                .addFilter(new HealthcheckFilter())
                .addFilter(new VersionNegotiationFilter(settings.publicEndpoint()))
                .error(Throwable.class, new ErrorResponder());
        ImagesApiV2.register(routing, ports, settings);
        ImagesApiV1.register(routing, ports, settings);
    }
}
