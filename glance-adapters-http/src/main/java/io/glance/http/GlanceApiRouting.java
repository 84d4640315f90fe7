package io.glance.http;

import io.glance.http.common.AuthenticationFilter;
import io.glance.http.common.CallerAuthentication;
import io.glance.http.common.HealthcheckFilter;
import io.glance.http.common.RequestContextFilter;
import io.glance.http.data.DataCaching;
import io.glance.http.data.DataResponder;
import io.glance.http.data.NotModifiedFraming;
import io.glance.http.errors.ErrorResponder;
import io.glance.http.metadefs.MetadefsApi;
import io.glance.http.v1.ImagesApiV1;
import io.glance.http.v2.ImagesApiV2;
import io.glance.http.versions.VersionNegotiationFilter;
import io.glance.ports.in.GlanceUseCases;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;

import static java.util.Objects.requireNonNull;

/**
 * Installs the Glance API on a Helidon routing: the bootstrap calls {@link #register} once, and tests call it to get
 * the same routing. Requests pass, in order: request id, healthcheck, version negotiation, authentication (the
 * caller's context), then the v2 and v1 routes; every failure is answered by one error handler.
 */
public final class GlanceApiRouting {

    private GlanceApiRouting() {
    }

    /**
     * The HTTP/1 protocol settings the API needs of the server it runs on: 304 answers without Content-Length
     * ({@link NotModifiedFraming}). The bootstrap and socket tests add it with {@code addProtocol}.
     */
    public static Http1Config http1() {
        return Http1Config.builder().addSendListener(new NotModifiedFraming()).build();
    }

    /** The API without authentication ({@code auth_strategy: noauth}): every caller is admin; no catalog (501). */
    public static void register(HttpRouting.Builder routing, GlanceUseCases ports, ApiSettings settings) {
        register(routing, ports, null, settings, DataCaching.revalidateAlways(), CallerAuthentication.noAuth());
    }

    /** @param authentication who callers are ({@code auth_strategy}); no catalog (501) */
    public static void register(HttpRouting.Builder routing, GlanceUseCases ports, ApiSettings settings,
                                CallerAuthentication authentication) {
        register(routing, ports, null, settings, DataCaching.revalidateAlways(), authentication);
    }

    /** @param caching the Cache-Control of image data ({@code no-cache} unless public images may be kept) */
    public static void register(HttpRouting.Builder routing, GlanceUseCases ports, ApiSettings settings,
                                DataCaching caching) {
        register(routing, ports, null, settings, caching, CallerAuthentication.noAuth());
    }

    public static void register(HttpRouting.Builder routing, GlanceUseCases ports, ApiSettings settings,
                                DataCaching caching, CallerAuthentication authentication) {
        register(routing, ports, null, settings, caching, authentication);
    }

    /** Without authentication, with the catalog. */
    public static void register(HttpRouting.Builder routing, GlanceUseCases ports, MetadefPorts metadefs,
                                ApiSettings settings) {
        register(routing, ports, metadefs, settings, DataCaching.revalidateAlways(), CallerAuthentication.noAuth());
    }

    /** @param authentication who callers are ({@code auth_strategy}) */
    public static void register(HttpRouting.Builder routing, GlanceUseCases ports, MetadefPorts metadefs,
                                ApiSettings settings, CallerAuthentication authentication) {
        register(routing, ports, metadefs, settings, DataCaching.revalidateAlways(), authentication);
    }

    /**
     * @param metadefs       the catalog's use cases, or null when there is none (/v2/metadefs then answers 501)
     * @param caching        the Cache-Control of image data ({@code no-cache} unless public images may be kept)
     * @param authentication who callers are ({@code auth_strategy})
     */
    public static void register(HttpRouting.Builder routing, GlanceUseCases ports, MetadefPorts metadefs,
                                ApiSettings settings, DataCaching caching, CallerAuthentication authentication) {
        requireNonNull(routing, "routing is null");
        requireNonNull(ports, "ports is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(authentication, "authentication is null");
        DataResponder responder = new DataResponder(ports.data(), caching);
        routing.addFilter(new RequestContextFilter())
                .addFilter(new HealthcheckFilter())
                .addFilter(new VersionNegotiationFilter(settings.publicEndpoint(), ports.cacheManagement().enabled()))
                .addFilter(new AuthenticationFilter(authentication))
                .error(Throwable.class, new ErrorResponder());
        // Before the v2 routes: they end with a catch-all 404 for everything else under /v2.
        MetadefsApi.register(routing, metadefs, settings);
        ImagesApiV2.register(routing, ports, settings, responder);
        ImagesApiV1.register(routing, ports, settings, responder);
    }
}
