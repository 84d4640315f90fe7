package io.glance.server;

import io.glance.adapters.db.DatabaseCompaction;
import io.glance.adapters.db.DatabaseSettings;
import io.glance.adapters.db.GlanceDatabase;
import io.glance.adapters.policy.AccessRules;
import io.glance.adapters.policy.PolicyConfigurationException;
import io.glance.adapters.policy.PolicySettings;
import io.glance.adapters.policy.PropertyProtectionSettings;
import io.glance.application.ImageQuotas;
import io.glance.application.UnifiedLimits;
import io.glance.adapters.keystone.LimitSettings;
import io.glance.ports.out.ImageTally;
import io.glance.config.ConfigurationException;
import io.glance.adapters.registry.RegistryImageRepository;
import io.glance.application.BoundedMetadataRepository;
import io.glance.application.GlanceServices;
import io.glance.application.MetadataLimitSettings;
import io.glance.application.OrphanSweeper;
import io.glance.application.Scrubber;
import io.glance.application.ScrubberSettings;
import io.glance.application.SweepSettings;
import io.glance.ports.out.PendingDeletes;
import io.glance.ports.out.StoredLocations;
import io.glance.application.ContentDeduplication;
import io.glance.application.InterruptedUploadRecovery;
import io.glance.application.JournalingImageRepository;
import io.glance.application.UploadLimits;
import io.glance.application.cache.ImageCacheSettings;
import io.glance.adapters.imagecache.DirectoryImageCache;
import io.glance.ports.out.ImageCache;
import io.glance.application.metadef.MetadefServices;
import io.glance.ports.in.GlanceUseCases;
import io.glance.http.common.CurrentRequestId;
import io.glance.http.ApiSettings;
import io.glance.http.data.DataCaching;
import io.glance.http.purge.ProxyPurgeSettings;
import io.glance.http.purge.ProxyPurger;
import io.glance.ports.out.ImageDataInvalidation;
import io.glance.http.GlanceApiRouting;
import io.glance.http.MetadefPorts;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.MemberRepository;
import io.glance.ports.out.UploadJournal;
import io.glance.ports.out.StorageUsage;
import io.glance.ports.out.StoreRegistry;
import io.glance.ports.out.TaskRepository;
import io.glance.ports.out.UploadSessions;
import io.glance.config.OptionValues;
import io.glance.server.config.AuthSettings;
import io.glance.server.config.RegistryClientSettings;
import io.glance.server.config.ServerSettings;
import io.glance.server.config.TlsSettings;
import io.glance.adapters.store.LoadedStorePlugins;
import io.glance.adapters.store.PluginStoreRegistry;
import io.glance.http.connections.ConnectionGuard;
import io.glance.http.connections.ConnectionSettings;
import io.glance.http.connections.GuardedListener;
import io.glance.server.tls.ListenerTls;
import io.glance.server.tls.RegistryClientTls;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The composition root of glance-api: loads store plugins, opens the database, wires the use cases to the HTTP
 * adapter and starts listening. Everything it opens it closes, in reverse order, on {@link #close()}.
 */
public final class GlanceApiServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GlanceApiServer.class.getName());
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    private final WebServer webServer;
    private final List<AutoCloseable> resources;

    private GlanceApiServer(WebServer webServer, List<AutoCloseable> resources) {
        this.webServer = webServer;
        this.resources = resources;
    }

    /**
     * Starts glance-api with checked options ({@link HostOptions#check}) and the plugins they were checked against;
     * the server owns the plugins from here on and closes them last.
     */
    public static GlanceApiServer start(OptionValues options, LoadedStorePlugins plugins) {
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(plugins);
        try {
            ServerSettings server = ServerSettings.from(options);
            AccessRules access = accessRules(options);
            ImageQuotas quotas = ImageQuotas.from(options);
            if (quotas.storageLimited() && server.remoteRegistry()) {
                throw new ConfigurationException("user_storage_quota needs data_api: database; glance-registry"
                        + " cannot sum a project's storage");
            }
            PluginStoreRegistry stores = StoreSetup.configureStores(server, options, plugins);
            resources.add(stores);

            AuthSetup auth = AuthSetup.of(AuthSettings.from(options), "glance-api", access.policy());
            String metadata;
            GlanceDatabase glanceDatabase = null;
            ImageRepository repository;
            MemberRepository members;
            StorageUsage storageUsage = null;
            ImageTally imageTally = null;
            TlsSettings tls = TlsSettings.from(options);
            // The Registry API has no catalog: with data_api: registry /v2/metadefs answers 501 (MetadefsApi).
            MetadefPorts metadefs = null;
            ScrubberSettings scrubbing = ScrubberSettings.from(options);
            PendingDeletes pendingDeletes = null;
            SweepSettings sweeping = SweepSettings.from(options);
            StoredLocations storedLocations = null;
            Operations operations = new Operations();
            TaskRepository tasks = null;
            UploadSessions uploadSessions = null;
            if (server.remoteRegistry() && scrubbing.delayedDelete()) {
                throw new ConfigurationException("delayed_delete needs data_api: database; run it on glance-registry's"
                        + " database instead");
            }
            if (server.remoteRegistry() && sweeping.periodic()) {
                throw new ConfigurationException("orphan_sweep_interval needs data_api: database; run the sweeper"
                        + " where the database is (glance-manage sweep)");
            }
            if (server.remoteRegistry()) {
                RegistryClientSettings registryClient = RegistryClientSettings.from(options);
                URI registryUrl = registryClient.registryUrl(server);
                // Each registry call carries the id of the API request it serves: one id in both access logs.
                RegistryImageRepository registry = new RegistryImageRepository(registryUrl, registryTimeout(options),
                        auth.serviceToken(), RegistryClientTls.of(registryClient), CurrentRequestId::get);
                resources.add(registry);
                repository = registry;
                members = registry;
                // Import tasks live in glance-registry's database too (its /tasks).
                tasks = registry.tasks();
                metadata = "glance-registry at " + registryUrl;
                operations.registry(repository);
            } else {
                DatabaseSettings databaseSettings = DatabaseSettings.from(options, server.dataDir().resolve("db"));
                if (options.get(DatabaseCompaction.DB_COMPACT_ON_START)) {
                    DatabaseCompaction.compactAtStart(databaseSettings).ifPresent(done -> LOG.info(done.describe()));
                }
                GlanceDatabase database = NewDatabaseSeeding.open(databaseSettings);
                resources.add(database);
                glanceDatabase = database;
                repository = database.repository();
                members = database.members();
                pendingDeletes = database.pendingDeletes();
                storedLocations = database.storedLocations();
                operations.database(database);
                storageUsage = database.storageUsage();
                tasks = database.tasks();
                uploadSessions = database.uploadSessions();
                imageTally = database.imageTally();
                metadefs = MetadefWiring.ports(new MetadefServices(database.metadefs(), Clock.systemUTC(),
                        access.policy()));
                metadata = databaseSettings.describe() + ", schema version " + database.schemaVersion()
                        + ", pool of " + databaseSettings.maxPoolSize() + " connections, connection timeout "
                        + databaseSettings.connectionTimeout().toMillis() + " ms";
            }

            UploadJournal uploadJournal = new FileUploadJournal(server.dataDir().resolve("uploads"));
            int recovered = new InterruptedUploadRecovery(repository, uploadJournal,
                    options.get(InterruptedUploadRecovery.GRACE_PERIOD), Clock.systemUTC()).run();
            ContentDeduplication dedup = DedupSetup.of(options, server, stores, glanceDatabase);
            int dedupRecovered = dedup.recover();
            UploadLimits limits = UploadLimits.from(options);
            ImageCacheSettings cacheSettings = ImageCacheSettings.from(options);
            ImageCache imageCache = imageCache(cacheSettings, server);
            GlanceServices.Imports imports = ImportSetup.imports(options, server, tasks, uploadSessions);
            UnifiedLimits unifiedLimits = UnifiedLimitsSetup.of(LimitSettings.from(options), storageUsage, imageTally);
            GlanceServices services = new GlanceServices(
                    new InvalidatingImageRepository(new JournalingImageRepository(new BoundedMetadataRepository(
                            repository, MetadataLimitSettings.from(options)), uploadJournal),
                            invalidation(options, imageCache)), members, stores, Clock.systemUTC(), limits,
                    access.policy(), access.propertyProtection(), quotas, storageUsage, imageCache, cacheSettings,
                    imports, scrubbing, unifiedLimits, dedup);
            resources.add(services);
            if (scrubbing.delayedDelete()) {
                Scrubber scrubber = new Scrubber(pendingDeletes, stores, Clock.systemUTC(), scrubbing, dedup);
                scrubber.start();
                resources.add(scrubber);
            }
            if (sweeping.periodic()) {
                OrphanSweeper sweeper = new OrphanSweeper(storedLocations, stores, Clock.systemUTC());
                sweeper.start(sweeping);
                resources.add(sweeper);
            }
            int interruptedImports = services.recoverInterruptedImports();
            int sweptUploads = services.startResumableUploadSweep();

            GlanceUseCases ports = services;
            MetadefPorts metadefPorts = metadefs;
            ConnectionGuard guard = Listeners.guard(ConnectionSettings.from(options));
            resources.add(guard);
            operations.stores(stores).connections(guard);
            AuthSettings authSettings = AuthSettings.from(options);
            if (authSettings.keystone() != null) {
                operations.keystone(authSettings.keystone().authUrl());
            }
            Optional<Tls> listenerTls = ListenerTls.of(tls);
            WebServerConfig.Builder builder = WebServer.builder()
                    .host(server.apiHost())
                    .port(server.apiPort())
                    // Helidon's default of 4 KiB turns a streamed download into many small socket writes.
                    .writeBufferSize(WRITE_BUFFER_BYTES)
                    // Helidon's NIO socket (its default) stages every write through an 8 KiB heap buffer: a 1 GiB
                    // download took 131,072 write calls and 2.2x Zed's CPU. Its stream socket writes each buffer
                    // whole. TLS keeps the NIO socket, whose handling of a plain-text client (close, not reset) the
                    // TLS tests hold it to.
                    .useNio(listenerTls.isPresent())
                    .update(listener -> listenerTls.ifPresent(listener::tls))
                    .routing(routing -> GlanceApiRouting.register(operations.install(routing.addFilter(
                            GuardedListener.requestFilter(guard)), auth.authentication()), ports, metadefPorts,
                            ApiSettings.from(options),
                            DataCaching.from(options), auth.authentication()));
            GuardedListener.install(builder, guard, Listeners.socketOptions(), GlanceApiRouting.http1());
            WebServer webServer = builder.build().start();
            resources.add(webServer::stop);
            if (!webServer.isRunning() || webServer.port() < 0) {
                // Helidon logs a bind failure and returns a stopped server instead of throwing.
                throw new IllegalStateException("cannot listen on " + server.apiHost() + ":" + server.apiPort()
                        + " (address in use or not available; see the log above)");
            }

            LOG.info("Access: " + access.description() + "; quotas: " + quotas + "; " + unifiedLimits);
            logStartup(server, tls, limits, webServer.port(), metadata, stores, plugins, recovered, auth);
            LOG.info(Listeners.describe(guard));
            LOG.info(ImportSetup.describe(imports, interruptedImports));
            if (sweptUploads > 0) {
                LOG.info("Resumable uploads: removed " + sweptUploads + " expired session(s) or orphaned partial"
                        + " data at start");
            }
            if (!DedupSetup.dedupStores(stores).isEmpty()) {
                LOG.info("Dedup: stores " + DedupSetup.dedupStores(stores) + " keep one object per content; "
                        + dedupRecovered + " interrupted steps replayed at start");
            }
            return new GlanceApiServer(webServer, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** The policy and property protections; a file that cannot be used is a configuration error (exit 2). */
    private static AccessRules accessRules(OptionValues options) {
        try {
            return AccessRules.load(PolicySettings.from(options), PropertyProtectionSettings.from(options));
        } catch (PolicyConfigurationException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /**
     * A registry request waits at most as long as a database request would for its connection, plus the time the
     * registry itself may need to get one.
     */
    private static Duration registryTimeout(OptionValues options) {
        return options.get(DatabaseSettings.SQL_CONNECTION_TIMEOUT).multipliedBy(2);
    }

    /**
     * What is told when an image's data may no longer be served: this node's image cache, and the caching proxies if
     * any are configured.
     */
    private static ImageDataInvalidation invalidation(OptionValues options, ImageCache imageCache) {
        ProxyPurgeSettings purge = ProxyPurgeSettings.from(options);
        ImageDataInvalidation proxies = purge.urls().isEmpty() ? ImageDataInvalidation.NONE : new ProxyPurger(purge);
        return id -> {
            try {
                imageCache.remove(id);
            } catch (RuntimeException e) {
                LOG.warning("Cannot remove image " + id + " from the image cache: " + e.getMessage());
            }
            proxies.dataGone(id);
        };
    }

    /** This node's image cache, or none when {@code image_cache_enabled} is off. */
    private static ImageCache imageCache(ImageCacheSettings settings, ServerSettings server) {
        if (!settings.enabled()) {
            return ImageCache.NONE;
        }
        DirectoryImageCache cache = new DirectoryImageCache(settings.directory(server.dataDir()), Clock.systemUTC());
        LOG.info("Image cache in " + cache.directory() + ", at most " + settings.maxSize() + " bytes");
        return cache;
    }

    /** The port actually bound (differs from the option when it was 0). */
    public int port() {
        return webServer.port();
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warning("Error while shutting down: " + e);
            }
        }
        resources.clear();
    }

    private static void logStartup(ServerSettings server, TlsSettings tls, UploadLimits limits, int port,
                                   String metadata, StoreRegistry stores, LoadedStorePlugins plugins, int recovered,
                                   AuthSetup auth) {
        LOG.info("Plugins: " + plugins.describe() + " (from " + server.pluginsDir() + ")");
        for (ConfiguredStore store : stores.stores()) {
            LOG.info("Store '" + store.id() + "' (" + store.type() + ")" + (store.isDefault() ? " [default]" : "")
                    + " " + store.capabilities() + " " + store.properties());
        }
        LOG.info("Metadata: " + metadata);
        if (recovered > 0) {
            LOG.warning("Returned " + recovered + " image(s) interrupted mid-upload by a previous stop to 'queued'");
        }
        LOG.info("image_size_cap: " + limits.imageSizeCap() + " bytes");
        LOG.info("auth_strategy: " + auth.describe());
        LOG.info("glance-api listening on " + tls.scheme() + "://" + server.apiHost() + ":" + port
                + " (API v1 and v2" + tls.caFile().map(ca -> "; client certificates signed by " + ca + " required")
                .orElse("") + ")");
    }
}
