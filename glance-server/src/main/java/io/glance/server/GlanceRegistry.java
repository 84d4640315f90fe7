package io.glance.server;

import io.glance.config.ConfigurationException;
import io.glance.config.OptionValues;
import io.glance.server.config.ServerSettings;

/**
 * The {@code glance-registry} command: the metadata service of Glance's original design (port 9191), over the
 * database named by the same options glance-api reads ({@code sql_connection}, or the embedded H2 under
 * {@code data_dir}; it accepts every option glance-api does, so both may share one file). Stops cleanly on
 * SIGTERM/SIGINT.
 */
public final class GlanceRegistry {
    private GlanceRegistry() {
    }

    public static void main(String[] args) {
        OptionValues options;
        try {
            options = HostOptions.load(args, System.getenv(), StoreSetup::configKeysIn);
        } catch (ConfigurationException e) {
            System.err.println("glance-registry: " + e.getMessage());
            System.exit(2);
            return;
        }
        LoggingSetup.configure(ServerSettings.from(options).verbose());
        ListenerDeathWatch.install(ListenerDeathWatch.exitProcess("glance-registry"));
        try {
            GlanceRegistryServer server = GlanceRegistryServer.start(options);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "glance-registry-shutdown"));
        } catch (RuntimeException | LinkageError e) {
            System.err.println("glance-registry: cannot start: " + e.getMessage());
            System.exit(1);
        }
    }
}
