package io.glance.http;

import io.glance.adapters.policy.OsloPolicy;
import io.glance.application.GlanceServices;
import io.glance.application.ImageQuotas;
import io.glance.application.ImportSettings;
import io.glance.ports.in.GlanceUseCases;
import io.glance.ports.out.PropertyProtection;
import io.glance.ports.out.WebDownloads;
import io.glance.testing.InMemoryStagingArea;
import io.glance.testing.InMemoryTaskRepository;
import io.glance.application.UploadLimits;
import io.glance.http.common.CallerAuthentication;
import io.glance.testing.InMemoryImageRepository;
import io.glance.testing.InMemoryStoreDriver;
import io.glance.testing.InMemoryStoreRegistry;
import io.helidon.webserver.http.HttpRouting;

import java.time.Clock;

/**
 * The real use cases over the in-memory fakes, wired to the API exactly as the bootstrap does it. One per test
 * class: Helidon's {@code @SetUpRoute} methods are static.
 */
final class TestApi {
    static final long IMAGE_SIZE_CAP = 64L * 1024 * 1024;

    final InMemoryImageRepository repository = new InMemoryImageRepository();
    final InMemoryStoreDriver store;
    final InMemoryStoreRegistry stores;
    final GlanceServices services;
    final ApiSettings settings;

    private TestApi(ApiSettings settings, InMemoryStoreDriver... drivers) {
        this(settings, null, drivers);
    }

    private TestApi(ApiSettings settings, GlanceServices.Imports imports, InMemoryStoreDriver... drivers) {
        this.settings = settings;
        this.store = drivers[0];
        this.stores = InMemoryStoreRegistry.of(drivers);
        this.services = new GlanceServices(repository, repository, stores, Clock.systemUTC(),
                new UploadLimits(IMAGE_SIZE_CAP), OsloPolicy.defaults(false), PropertyProtection.NONE,
                ImageQuotas.defaults(), repository, io.glance.ports.out.ImageCache.NONE, imports);
    }

    /**
     * One store with interoperable import over in-memory tasks and staging; web-download refuses every URI (its
     * filter is tested against a real server in glance-server).
     */
    static TestApi withImport(InMemoryStagingArea staging) {
        WebDownloads refuseAll = new WebDownloads() {
            @Override
            public void check(java.net.URI uri) {
                throw new io.glance.domain.InvalidInputException("URI for web-download does not pass filtering: "
                        + uri);
            }

            @Override
            public Body open(java.net.URI uri) {
                throw new UnsupportedOperationException("refused by check");
            }
        };
        return new TestApi(ApiSettings.defaults(), new GlanceServices.Imports(new InMemoryTaskRepository(), staging,
                refuseAll, ImportSettings.defaults(), java.util.List.of(), "test-node"), new InMemoryStoreDriver("file"));
    }

    /** One store, Glance's defaults. */
    static TestApi singleStore() {
        return new TestApi(ApiSettings.defaults(), new InMemoryStoreDriver("file"));
    }

    static TestApi singleStore(ApiSettings settings) {
        return new TestApi(settings, new InMemoryStoreDriver("file"));
    }

    /** Two stores: Glance's enabled_backends mode. */
    static TestApi multiStore() {
        return new TestApi(ApiSettings.defaults(), new InMemoryStoreDriver("fast"), new InMemoryStoreDriver("cheap"));
    }

    GlanceUseCases ports() {
        return services;
    }

    void register(HttpRouting.Builder routing) {
        GlanceApiRouting.register(routing, ports(), settings);
    }

    /** The API behind Keystone authentication ({@code auth_strategy: keystone}). */
    void register(HttpRouting.Builder routing, CallerAuthentication authentication) {
        GlanceApiRouting.register(routing, ports(), settings, authentication);
    }
}
