package io.glance.adapters.importing;

import io.glance.importing.spi.ImportPlugin;
import io.glance.importing.spi.ImportPluginFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Finds the import plugins and makes the enabled ones, in {@code image_import_plugins} order: the first-party ones on
 * the host's class path, and each jar of {@code import_plugins_dir} in a class loader of its own that sees the JDK,
 * the import SPI and the jar, nothing else of the host ({@link SpiOnlyClassLoader}). A name two plugins claim, or an
 * enabled name no plugin has, stops the start naming it.
 */
public final class ImportPluginLoader {

    /** An enabled plugin, ready to run. */
    public record LoadedPlugin(String name, ImportPlugin plugin) {
        public LoadedPlugin {
            requireNonNull(name, "name is null");
            requireNonNull(plugin, "plugin is null");
        }
    }

    private ImportPluginLoader() {
    }

    /**
     * @param enabled    {@code image_import_plugins}, in order
     * @param pluginsDir {@code import_plugins_dir}, or {@code null} for the first-party plugins only
     * @param configOf   a plugin's own options by its name (its section; empty when it has none)
     * @throws IllegalArgumentException naming an unknown or doubly claimed plugin, or a plugin's bad option
     */
    public static List<LoadedPlugin> load(List<String> enabled, Path pluginsDir,
                                          Function<String, Map<String, String>> configOf) {
        Map<String, ImportPluginFactory> factories = new LinkedHashMap<>();
        register(factories, ServiceLoader.load(ImportPluginFactory.class, ImportPluginLoader.class.getClassLoader()),
                "the host");
        if (pluginsDir != null) {
            for (Path jar : jars(pluginsDir)) {
                register(factories, ServiceLoader.load(ImportPluginFactory.class, new SpiOnlyClassLoader(url(jar),
                        ImportPluginFactory.class.getClassLoader())), jar.toString());
            }
        }
        List<LoadedPlugin> loaded = new ArrayList<>();
        for (String name : enabled) {
            ImportPluginFactory factory = factories.get(name);
            if (factory == null) {
                throw new IllegalArgumentException("Unknown import plugin " + name + " in image_import_plugins "
                        + "(known: " + factories.keySet() + ")");
            }
            loaded.add(new LoadedPlugin(name, factory.create(configOf.apply(name))));
        }
        return List.copyOf(loaded);
    }

    private static void register(Map<String, ImportPluginFactory> factories,
                                 ServiceLoader<ImportPluginFactory> found, String where) {
        for (ImportPluginFactory factory : found) {
            ImportPluginFactory earlier = factories.putIfAbsent(factory.name(), factory);
            if (earlier != null) {
                throw new IllegalArgumentException("Import plugin name " + factory.name() + " is claimed twice: by "
                        + earlier.getClass().getName() + " and by " + factory.getClass().getName() + " in " + where);
            }
        }
    }

    private static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("import_plugins_dir " + dir + " is not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list import_plugins_dir " + dir, e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Bad plugin path " + jar, e);
        }
    }
}
