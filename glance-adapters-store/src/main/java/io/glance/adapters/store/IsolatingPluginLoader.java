package io.glance.adapters.store;

import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;

import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Gives each plugin a {@link SpiOnlyPluginClassLoader} over its archive: a jar is its own class path; a zip, which
 * PF4J unpacks into a directory first, contributes {@code classes/} and {@code lib/*.jar}. Unlike PF4J's loaders,
 * an unusable class path entry is an error rather than a log line.
 */
final class IsolatingPluginLoader implements PluginLoader {
    private final PluginManager pluginManager;
    private final ClassLoader hostLoader;

    IsolatingPluginLoader(PluginManager pluginManager, ClassLoader hostLoader) {
        this.pluginManager = requireNonNull(pluginManager, "pluginManager is null");
        this.hostLoader = requireNonNull(hostLoader, "hostLoader is null");
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        return Files.isDirectory(pluginPath) || isJar(pluginPath);
    }

    @Override
    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        List<Path> classPath = isJar(pluginPath) ? List.of(pluginPath) : unpackedClassPath(pluginPath);
        if (classPath.isEmpty()) {
            throw new PluginRuntimeException("plugin directory {} has neither classes/ nor lib/*.jar", pluginPath);
        }
        SpiOnlyPluginClassLoader loader = new SpiOnlyPluginClassLoader(pluginManager, descriptor, hostLoader);
        for (Path entry : classPath) {
            try {
                loader.addURL(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new PluginRuntimeException(e, "cannot put {} on the class path of plugin {}", entry,
                        descriptor.getPluginId());
            }
        }
        return loader;
    }

    private static List<Path> unpackedClassPath(Path directory) {
        Stream.Builder<Path> classPath = Stream.builder();
        Path classes = directory.resolve("classes");
        if (Files.isDirectory(classes)) {
            classPath.add(classes);
        }
        Path lib = directory.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(IsolatingPluginLoader::isJar).sorted().forEach(classPath::add);
            } catch (IOException e) {
                throw new PluginRuntimeException(e, "cannot list {}", lib);
            }
        }
        return classPath.build().toList();
    }

    private static boolean isJar(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
    }
}
