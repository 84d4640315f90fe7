package io.glance.server;

import io.glance.adapters.db.DatabaseSettings;
import io.glance.adapters.db.GlanceDatabase;
import io.glance.adapters.policy.OsloPolicy;
import io.glance.application.BoundedMetadataRepository;
import io.glance.application.MetadataLimitSettings;
import io.glance.http.common.CallerAuthentication;
import io.glance.http.registry.GlanceRegistryRouting;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.MemberRepository;
import io.glance.ports.out.TaskRepository;
import io.glance.config.OptionValues;
import io.glance.server.config.AuthSettings;
import io.glance.server.config.ServerSettings;
import io.glance.http.connections.ConnectionGuard;
import io.glance.http.connections.ConnectionSettings;
import io.glance.http.connections.GuardedListener;
import io.glance.server.config.TlsSettings;
import io.glance.server.tls.ListenerTls;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;

import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The composition root of glance-registry: opens the database glance-api would open (same options, same migrations)
 * and serves it over the Registry API, with glance-api's access log, {@code /metrics} and {@code /healthcheck}
 * (the database probed). Closing stops the server, then the database.
 */
public final class GlanceRegistryServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GlanceRegistryServer.class.getName());
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    private final WebServer webServer;
    private final ConnectionGuard guard;
    private final AutoCloseable database;

    private GlanceRegistryServer(WebServer webServer, ConnectionGuard guard, AutoCloseable database) {
        this.webServer = webServer;
        this.guard = guard;
        this.database = database;
    }

    public static GlanceRegistryServer start(OptionValues options) {
        ServerSettings server = ServerSettings.from(options);
        DatabaseSettings settings = DatabaseSettings.from(options, server.dataDir().resolve("db"));
        GlanceDatabase database = GlanceDatabase.open(settings);
        try {
            // The registry decides no policy of its own; is_admin matters only for the context it logs.
            AuthSetup auth = AuthSetup.of(AuthSettings.from(options), "glance-registry", OsloPolicy.defaults(false));
            TlsSettings tls = TlsSettings.from(options);
            GlanceRegistryServer registry = serve(server, ConnectionSettings.from(options), tls,
                    new BoundedMetadataRepository(database.repository(), MetadataLimitSettings.from(options)),
                    database.members(), database.tasks(), database, auth.authentication(),
                    new Operations().database(database));
            LOG.info("auth_strategy: " + auth.describe() + (auth.authentication().enabled()
                    ? "; only tokens with a role of " + GlanceRegistryRouting.SERVICE_ROLES + " are let in" : ""));
            LOG.info("Database: " + settings.describe() + ", schema version " + database.schemaVersion());
            LOG.info("glance-registry listening on " + tls.scheme() + "://" + server.registryHost() + ":"
                    + registry.port() + " (Registry API" + tls.caFile().map(ca -> "; client certificates signed by "
                    + ca + " required").orElse("") + ")");
            return registry;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Serves a repository the caller owns and closes (tests give each contract test a fresh database). */
    public static GlanceRegistryServer serving(ServerSettings options, ImageRepository repository,
                                               MemberRepository members) {
        return serving(options, repository, members, null);
    }

    /** As above, with {@code /tasks} over {@code tasks} (or without, when {@code null}). */
    public static GlanceRegistryServer serving(ServerSettings options, ImageRepository repository,
                                               MemberRepository members, TaskRepository tasks) {
        return serve(options, ConnectionSettings.defaults(), new TlsSettings(Optional.empty(), Optional.empty(),
                Optional.empty()), repository, members, tasks, () -> { }, CallerAuthentication.noAuth(),
                new Operations());
    }

    private static GlanceRegistryServer serve(ServerSettings options, ConnectionSettings connections,
                                              TlsSettings tls, ImageRepository repository, MemberRepository members,
                                              TaskRepository tasks, AutoCloseable database,
                                              CallerAuthentication authentication, Operations operations) {
        ConnectionGuard guard = Listeners.guard(connections);
        // The same access log, /metrics and /healthcheck as glance-api's, over the registry's database.
        operations.connections(guard);
        Optional<Tls> listenerTls = ListenerTls.of(tls);
        WebServerConfig.Builder builder = WebServer.builder()
                .host(options.registryHost())
                .port(options.registryPort())
                // Helidon's default of 4 KiB sent a list of 25 in 4 KiB chunks, one socket write each, which the
                // client then parsed chunk by chunk; with 64 KiB a page of up to about 80 images goes out in one
                // write with a Content-Length.
                .writeBufferSize(WRITE_BUFFER_BYTES)
                // As glance-api: the stream socket writes each buffer whole, the NIO one (kept for TLS, whose
                // handling of a plain-text client the TLS tests hold it to) stages it through 8 KiB.
                .useNio(listenerTls.isPresent())
                .update(listener -> listenerTls.ifPresent(listener::tls))
                .routing(routing -> GlanceRegistryRouting.register(operations.install(routing.addFilter(
                        GuardedListener.requestFilter(guard)), authentication), repository, members, tasks,
                        Clock.systemUTC(), authentication));
        GuardedListener.install(builder, guard, Listeners.socketOptions(), Http1Config.create());
        WebServer webServer = builder.build().start();
        if (!webServer.isRunning() || webServer.port() < 0) {
            guard.close();
            throw new IllegalStateException("cannot listen on " + options.registryHost() + ":"
                    + options.registryPort() + " (address in use or not available; see the log above)");
        }
        LOG.info(Listeners.describe(guard));
        return new GlanceRegistryServer(webServer, guard, database);
    }

    /** The port actually bound (differs from the option when it was 0). */
    public int port() {
        return webServer.port();
    }

    @Override
    public void close() {
        webServer.stop();
        guard.close();
        try {
            database.close();
        } catch (Exception e) {
            LOG.warning("Error while closing the database: " + e);
        }
    }
}
