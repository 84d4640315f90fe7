package io.glance.adapters.store;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The class loader of one store plugin. Its parent is the platform class loader, so the plugin sees the JDK and
 * itself but nothing of the host's class path (no Helidon, no Jackson, no PF4J, no domain), and may bundle its own
 * versions of any library. The one exception is the store SPI, which is loaded from the host, parent-first: the
 * factories the plugin implements must be the host's {@code StoreDriverFactory}, and a copy bundled by mistake is
 * never used.
 *
 * <p>PF4J's own loader defaults to plugin-first with the whole application visible; this replaces it entirely.
 */
final class SpiOnlyPluginClassLoader extends PluginClassLoader {
    /** Exactly the packages of the glance-store-spi artifact. */
    static final String SPI_PACKAGE = "io.glance.store.spi.";
    private static final String SPI_RESOURCES = SPI_PACKAGE.replace('.', '/');

    private final ClassLoader hostLoader;

    SpiOnlyPluginClassLoader(PluginManager pluginManager, PluginDescriptor descriptor, ClassLoader hostLoader) {
        // The strategy is unused: loadClass and the resource methods below replace PF4J's lookup order.
        super(pluginManager, descriptor, ClassLoader.getPlatformClassLoader(), ClassLoadingStrategy.APD);
        this.hostLoader = requireNonNull(hostLoader, "hostLoader is null");
    }

    @Override
    public Class<?> loadClass(String name) throws ClassNotFoundException {
        return loadClass(name, false);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = name.startsWith(SPI_PACKAGE) ? hostLoader.loadClass(name) : loadFromJdkOrPlugin(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> loadFromJdkOrPlugin(String name) throws ClassNotFoundException {
        try {
            return getParent().loadClass(name);
        } catch (ClassNotFoundException notInJdk) {
            return findClass(name);
        }
    }

    @Override
    public URL getResource(String name) {
        if (name.startsWith(SPI_RESOURCES)) {
            return hostLoader.getResource(name);
        }
        URL url = getParent().getResource(name);
        return url != null ? url : findResource(name);
    }

    /** Service files in particular come only from the JDK and the plugin, never from the host or other plugins. */
    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.startsWith(SPI_RESOURCES)) {
            return hostLoader.getResources(name);
        }
        List<URL> resources = new ArrayList<>(Collections.list(getParent().getResources(name)));
        resources.addAll(Collections.list(findResources(name)));
        return Collections.enumeration(resources);
    }
}
