package io.glance.server;

import io.glance.adapters.db.GlanceDatabase;
import io.glance.adapters.store.GuardedStoreDriver;
import io.glance.adapters.store.StoreTraffic;
import io.glance.http.common.CallerAuthentication;
import io.glance.http.connections.ConnectionGuard;
import io.glance.http.observe.HealthCheck;
import io.glance.http.observe.HealthcheckEndpoint;
import io.glance.http.observe.HttpMetrics;
import io.glance.http.observe.JvmMetrics;
import io.glance.http.observe.MetricsEndpoint;
import io.glance.http.observe.MetricsSource;
import io.glance.http.observe.PrometheusText;
import io.glance.http.observe.RequestObserver;
import io.glance.domain.ImageId;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.StoreRegistry;
import io.helidon.webserver.http.HttpRouting;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * glance-api's operations surface wired to its parts: {@code /healthcheck} probing the database (or glance-registry),
 * the stores and Keystone, {@code /metrics} showing HTTP traffic, store traffic, the database pool, connections and
 * the JVM, and the access log. The HTTP adapter defines the endpoints; this composition root knows the parts.
 */
final class Operations {
    /** Longest a healthcheck waits for one part; a hanging database answers 503 after this long. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final List<HealthCheck> checks = new ArrayList<>();
    private final List<MetricsSource> sources = new ArrayList<>();
    private final HttpMetrics httpMetrics = new HttpMetrics();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

    Operations() {
        sources.add(httpMetrics);
    }

    /** glance-api's own database: critical. */
    Operations database(GlanceDatabase database) {
        checks.add(new HealthCheck("database", true, database::ping));
        sources.add(out -> {
            GlanceDatabase.PoolUsage usage = database.poolUsage();
            out.family("glance_db_pool_connections", "gauge", "Database connections of this node, by state");
            out.sample("glance_db_pool_connections", usage.active(), "state", "active");
            out.sample("glance_db_pool_connections", usage.idle(), "state", "idle");
            out.family("glance_db_pool_max_connections", "gauge", "sql_max_pool_size");
            out.sample("glance_db_pool_max_connections", usage.max());
            out.family("glance_db_pool_waiting_requests", "gauge", "Requests waiting for a database connection");
            out.sample("glance_db_pool_waiting_requests", usage.waiting());
        });
        return this;
    }

    /**
     * glance-registry holds the metadata: critical, probed by looking up an id nobody has through the repository
     * itself, so with its TLS, client certificate and service token.
     */
    Operations registry(ImageRepository registry) {
        checks.add(new HealthCheck("registry", true, () -> registry.findById(ImageId.random())));
        return this;
    }

    /** Keystone reachable (any HTTP answer); not critical, because cached tokens keep working for a while. */
    Operations keystone(URI authUrl) {
        checks.add(new HealthCheck("keystone", false, () -> expectAnswer(authUrl)));
        return this;
    }

    /** Each store's backend; the default store is critical (no upload works without it). */
    Operations stores(StoreRegistry stores) {
        for (ConfiguredStore store : stores.stores()) {
            checks.add(new HealthCheck("store " + store.id(), store.isDefault(), () -> store.driver().checkReachable()));
        }
        sources.add(out -> storeTraffic(stores, out));
        return this;
    }

    Operations connections(ConnectionGuard guard) {
        sources.add(out -> {
            out.family("glance_http_connections_open", "gauge", "Client connections open now");
            out.sample("glance_http_connections_open", guard.openConnections());
            out.family("glance_http_connections_max", "gauge", "max_connections in effect");
            out.sample("glance_http_connections_max", guard.maxConnections());
            out.family("glance_http_connections_refused_total", "counter",
                    "Connections refused because every connection was busy");
            out.sample("glance_http_connections_refused_total", guard.refusedConnections());
            out.family("glance_http_connections_evicted_total", "counter",
                    "Idle or slow connections closed to make room for new ones");
            out.sample("glance_http_connections_evicted_total", guard.evictedConnections());
        });
        return this;
    }

    /** Adds the access log and metrics recording, {@code /metrics} and {@code /healthcheck} to the routing. */
    HttpRouting.Builder install(HttpRouting.Builder routing, CallerAuthentication authentication) {
        List<MetricsSource> all = new ArrayList<>(sources);
        all.add(new JvmMetrics());
        return routing.addFilter(new RequestObserver(httpMetrics))
                .addFilter(new MetricsEndpoint(all))
                .addFilter(new HealthcheckEndpoint(checks, PROBE_TIMEOUT, authentication));
    }

    private static void storeTraffic(StoreRegistry stores, PrometheusText out) {
        List<ConfiguredStore> counted = stores.stores().stream()
                .filter(store -> store.driver() instanceof GuardedStoreDriver).toList();
        out.family("glance_store_written_bytes_total", "counter", "Image bytes written to a store");
        counted.forEach(store -> out.sample("glance_store_written_bytes_total", traffic(store).bytesWritten(),
                "store", store.id()));
        out.family("glance_store_read_bytes_total", "counter", "Image bytes read from a store");
        counted.forEach(store -> out.sample("glance_store_read_bytes_total", traffic(store).bytesRead(),
                "store", store.id()));
        out.family("glance_uploads_in_progress", "gauge", "Uploads being written to a store now");
        counted.forEach(store -> out.sample("glance_uploads_in_progress", traffic(store).uploadsInProgress(),
                "store", store.id()));
    }

    private static StoreTraffic traffic(ConfiguredStore store) {
        return ((GuardedStoreDriver) store.driver()).traffic();
    }

    private void expectAnswer(URI uri) throws Exception {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(PROBE_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() >= 500) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
    }
}
