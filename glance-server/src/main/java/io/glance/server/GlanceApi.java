package io.glance.server;

import io.glance.server.config.ConfigurationException;
import io.glance.server.config.GlanceOptions;
import io.glance.server.config.GlanceOptionsLoader;

import java.util.logging.Level;
import java.util.logging.Logger;

/** The {@code glance-api} command: reads options, starts the server, stops it cleanly on SIGTERM/SIGINT. */
public final class GlanceApi {
    private static final Logger LOG = Logger.getLogger(GlanceApi.class.getName());

    private GlanceApi() {
    }

    public static void main(String[] args) {
        GlanceOptions options;
        try {
            options = GlanceOptionsLoader.load(args, System.getenv());
        } catch (ConfigurationException e) {
            System.err.println("glance-api: " + e.getMessage());
            System.exit(2);
            return;
        }
        LoggingSetup.configure(options.verbose());
        try {
            GlanceApiServer server = GlanceApiServer.start(options);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "glance-api-shutdown"));
        } catch (RuntimeException | LinkageError e) {
            // A broken plugin, an unusable store or database: say what and stop, instead of serving half a service.
            LOG.log(options.verbose() ? Level.SEVERE : Level.FINE, "glance-api failed to start", e);
            System.err.println("glance-api: cannot start: " + describe(e));
            System.exit(1);
        }
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
