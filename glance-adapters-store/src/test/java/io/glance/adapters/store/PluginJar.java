package io.glance.adapters.store;

import io.glance.store.spi.StoreDriverFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes real plugin archives for loader tests: a PF4J manifest, classes compiled from source against the host's
 * SPI, a {@code META-INF/services} entry, and any extra entries. Defaults make a valid plugin; each test changes
 * only what it is about.
 */
final class PluginJar {
    private static final String SERVICE_FILE = "META-INF/services/" + StoreDriverFactory.class.getName();

    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> services = new ArrayList<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private boolean manifest = true;

    private PluginJar(String pluginId) {
        attributes.put("Plugin-Id", pluginId);
        attributes.put("Plugin-Version", "1.0.0");
        attributes.put("Plugin-Requires", ">=1.0.0 & <2.0.0");
    }

    /** A valid plugin with no factory yet. */
    static PluginJar plugin(String pluginId) {
        return new PluginJar(pluginId);
    }

    /** A valid plugin with one example factory for {@code type}, in package {@code example.<pluginId>}. */
    static PluginJar withExampleFactory(String pluginId, String type, String scheme, String... aliases) {
        String packageName = "example." + pluginId.replaceAll("[^A-Za-z0-9]", "_");
        return plugin(pluginId)
                .source(packageName + ".ExampleStoreFactory",
                        ExamplePluginSources.factory(packageName, type, scheme, aliases))
                .service(packageName + ".ExampleStoreFactory");
    }

    /** Sets a manifest attribute; {@code null} removes it. */
    PluginJar attribute(String name, String value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        return this;
    }

    PluginJar withoutManifest() {
        manifest = false;
        return this;
    }

    PluginJar source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    PluginJar service(String factoryClassName) {
        services.add(factoryClassName);
        return this;
    }

    PluginJar entry(String path, byte[] content) {
        entries.put(path, content.clone());
        return this;
    }

    /** A plugin jar: manifest, classes and service file at its root. */
    Path writeJar(Path directory, String fileName) {
        Path jar = directory.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(jar)) {
            out.write(jarBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** A PF4J zip: the manifest at {@code classes/META-INF/MANIFEST.MF}, the code in {@code lib/<id>.jar}. */
    Path writeZip(Path directory, String fileName) {
        Path zip = directory.resolve(fileName);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            if (manifest) {
                out.putNextEntry(new ZipEntry("classes/META-INF/MANIFEST.MF"));
                manifest().write(out);
            }
            out.putNextEntry(new ZipEntry("lib/" + attributes.getOrDefault("Plugin-Id", "plugin") + ".jar"));
            out.write(jarBytes(false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip;
    }

    private byte[] jarBytes(boolean withManifest) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = withManifest ? new JarOutputStream(bytes, manifest()) : new JarOutputStream(bytes)) {
            Map<String, byte[]> content = new LinkedHashMap<>();
            if (!sources.isEmpty()) {
                content.putAll(InMemoryCompiler.compile(sources, List.of(spiClassPath())));
            }
            if (!services.isEmpty()) {
                content.put(SERVICE_FILE, (String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            content.putAll(entries);
            for (Map.Entry<String, byte[]> entry : content.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private Manifest manifest() {
        Manifest result = new Manifest();
        result.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((name, value) -> result.getMainAttributes().putValue(name, value));
        return result;
    }

    /** Where the host's SPI classes are (a jar or target/classes): plugins compile against it, provided. */
    static Path spiClassPath() {
        try {
            return Path.of(StoreDriverFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes of a host class file, to build plugins that bundle host classes by mistake. */
    static byte[] hostClassBytes(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        try (var in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + type.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
