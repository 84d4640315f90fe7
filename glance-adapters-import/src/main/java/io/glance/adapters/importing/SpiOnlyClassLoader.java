package io.glance.adapters.importing;

import java.net.URL;
import java.net.URLClassLoader;

import static java.util.Objects.requireNonNull;

/**
 * The class loader of one third-party import plugin jar: the JDK (platform loader as parent), the jar itself, and the
 * import SPI taken from the host, parent-first, so that the plugin implements the host's interfaces and may bundle
 * any library version it likes without clashing with the host's.
 */
final class SpiOnlyClassLoader extends URLClassLoader {
    private static final String SPI_PACKAGE = "io.glance.importing.spi.";

    private final ClassLoader host;

    SpiOnlyClassLoader(URL jar, ClassLoader host) {
        super("import-plugin " + jar, new URL[]{jar}, ClassLoader.getPlatformClassLoader());
        this.host = requireNonNull(host, "host is null");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SPI_PACKAGE)) {
            return host.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
