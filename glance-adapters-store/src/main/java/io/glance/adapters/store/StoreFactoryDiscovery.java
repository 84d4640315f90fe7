package io.glance.adapters.store;

import io.glance.store.spi.StoreDriverFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds a plugin's {@link StoreDriverFactory} implementations with a plain {@link ServiceLoader} over its class
 * loader, which reads only the plugin's own {@code META-INF/services} file. No PF4J extension index is involved.
 */
final class StoreFactoryDiscovery {
    private static final String SERVICE_FILE = "META-INF/services/" + StoreDriverFactory.class.getName();

    private StoreFactoryDiscovery() {
    }

    /**
     * Instantiates every factory the plugin lists.
     *
     * @throws PluginLoadException when one cannot be instantiated or the plugin lists none
     */
    static List<StoreDriverFactory> discover(String pluginId, Path archive, ClassLoader pluginLoader) {
        List<StoreDriverFactory> factories;
        try {
            factories = ContextClassLoader.call(pluginLoader, () -> {
                List<StoreDriverFactory> found = new ArrayList<>();
                ServiceLoader.load(StoreDriverFactory.class, pluginLoader).forEach(found::add);
                return found;
            });
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            throw PluginLoadException.forPlugin(pluginId, archive, "a StoreDriverFactory it lists in " + SERVICE_FILE
                    + " cannot be instantiated: " + StorePluginManager.messageOf(e), e);
        }
        if (factories.isEmpty()) {
            throw PluginLoadException.forPlugin(pluginId, archive, "it provides no StoreDriverFactory (no "
                    + SERVICE_FILE + " entry)", null);
        }
        return factories;
    }
}
