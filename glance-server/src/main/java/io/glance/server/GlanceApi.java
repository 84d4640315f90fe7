package io.glance.server;

import io.glance.config.ConfigurationException;
import io.glance.config.OptionValues;
import io.glance.server.config.OptionSources;
import io.glance.server.config.ServerSettings;
import io.glance.adapters.store.LoadedStorePlugins;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code glance-api} command: reads options, loads the store plugins (whose options it then accepts too),
 * starts the server, stops it cleanly on SIGTERM/SIGINT. Exit status 2 for unusable options, 1 for anything else
 * that keeps it from starting.
 */
public final class GlanceApi {
    private static final Logger LOG = Logger.getLogger(GlanceApi.class.getName());

    private GlanceApi() {
    }

    public static void main(String[] args) {
        OptionSources sources;
        ServerSettings server;
        try {
            sources = OptionSources.read(args, System.getenv(), HostOptions.switches());
            server = ServerSettings.from(sources.provisional());
        } catch (ConfigurationException e) {
            exit(2, e.getMessage());
            return;
        }
        LoggingSetup.configure(server.verbose());
        ListenerDeathWatch.install(ListenerDeathWatch.exitProcess("glance-api"));
        LoadedStorePlugins plugins;
        try {
            plugins = StoreSetup.loadPlugins(server.pluginsDir());
        } catch (RuntimeException | LinkageError e) {
            cannotStart(server, e);
            return;
        }
        OptionValues options;
        try {
            options = HostOptions.check(sources, StoreSetup.configKeys(plugins));
        } catch (ConfigurationException e) {
            plugins.close();
            exit(2, e.getMessage());
            return;
        }
        try {
            GlanceApiServer apiServer = GlanceApiServer.start(options, plugins);
            Runtime.getRuntime().addShutdownHook(new Thread(apiServer::close, "glance-api-shutdown"));
        } catch (ConfigurationException e) {
            exit(2, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            cannotStart(server, e);
        }
    }

    /** A broken plugin, an unusable store or database: say what and stop, instead of serving half a service. */
    private static void cannotStart(ServerSettings server, Throwable e) {
        LOG.log(server.verbose() ? Level.SEVERE : Level.FINE, "glance-api failed to start", e);
        exit(1, "cannot start: " + describe(e));
    }

    private static void exit(int status, String message) {
        System.err.println("glance-api: " + message);
        System.exit(status);
    }

    private static String describe(Throwable error) {
        StringBuilder message = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }
}
