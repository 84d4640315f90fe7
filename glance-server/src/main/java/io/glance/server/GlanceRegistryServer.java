package io.glance.server;

import io.glance.adapters.db.DatabaseSettings;
import io.glance.adapters.db.GlanceDatabase;
import io.glance.http.registry.GlanceRegistryRouting;
import io.glance.ports.out.ImageRepository;
import io.glance.config.OptionValues;
import io.glance.server.config.ServerSettings;
import io.helidon.webserver.WebServer;

import java.time.Clock;
import java.util.logging.Logger;

/**
 * The composition root of glance-registry: opens the database glance-api would open (same options, same migrations)
 * and serves it over the Registry API. Closing stops the server, then the database.
 */
public final class GlanceRegistryServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GlanceRegistryServer.class.getName());

    private final WebServer webServer;
    private final AutoCloseable database;

    private GlanceRegistryServer(WebServer webServer, AutoCloseable database) {
        this.webServer = webServer;
        this.database = database;
    }

    public static GlanceRegistryServer start(OptionValues options) {
        ServerSettings server = ServerSettings.from(options);
        DatabaseSettings settings = DatabaseSettings.from(options, server.dataDir().resolve("db"));
        GlanceDatabase database = GlanceDatabase.open(settings);
        try {
            GlanceRegistryServer registry = new GlanceRegistryServer(serve(server, database.repository()), database);
            LOG.info("Database: " + settings.describe() + ", schema version " + database.schemaVersion());
            LOG.info("glance-registry listening on http://" + server.registryHost() + ":" + registry.port()
                    + " (Registry API)");
            return registry;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Serves a repository the caller owns and closes (tests give each contract test a fresh database). */
    public static GlanceRegistryServer serving(ServerSettings options, ImageRepository repository) {
        return new GlanceRegistryServer(serve(options, repository), () -> { });
    }

    private static WebServer serve(ServerSettings options, ImageRepository repository) {
        WebServer webServer = WebServer.builder()
                .host(options.registryHost())
                .port(options.registryPort())
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .routing(routing -> GlanceRegistryRouting.register(routing, repository, Clock.systemUTC()))
                .build()
                .start();
        if (!webServer.isRunning() || webServer.port() < 0) {
            throw new IllegalStateException("cannot listen on " + options.registryHost() + ":"
                    + options.registryPort() + " (address in use or not available; see the log above)");
        }
        return webServer;
    }

    /** The port actually bound (differs from the option when it was 0). */
    public int port() {
        return webServer.port();
    }

    @Override
    public void close() {
        webServer.stop();
        try {
            database.close();
        } catch (Exception e) {
            LOG.warning("Error while closing the database: " + e);
        }
    }
}
