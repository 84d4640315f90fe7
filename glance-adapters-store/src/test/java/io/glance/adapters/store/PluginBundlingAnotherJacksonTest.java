package io.glance.adapters.store;

import io.glance.testing.plugins.ExamplePluginBuild;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glance.store.spi.StoreDriverFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plugin may bundle its own version of a library the host also uses: here a PF4J zip whose {@code lib/} holds
 * Jackson 2.17.2 while the host runs a newer Jackson. The plugin's code must link against its own copy (both
 * databind and core, which must agree with each other), and the host must keep its own.
 */
class PluginBundlingAnotherJacksonTest {
    /** Any release other than the host's; fetch it with ./mvnw dependency:get when missing. */
    private static final String PLUGIN_JACKSON = "2.17.2";
    private static final List<String> JACKSON_ARTIFACTS = List.of("databind", "core", "annotations");
    private static final String FACTORY = "example.jackson.JacksonStoreFactory";

    @TempDir
    private Path plugins;

    @Test
    void pluginSeesItsOwnJacksonAndTheHostKeepsItsOwn() throws Exception {
        writeZip(plugins.resolve("own-jackson-1.0.0.zip"));

        try (LoadedStorePlugins loaded = StorePluginLoader.loadAll(plugins);
             PluginStoreRegistry stores = PluginStoreRegistry.create(loaded,
                     List.of(new StoreConfig("json", "jackson-json", null, Map.of(), true)),
                     StoreContextFactory.workDirectoriesUnder(plugins.resolve("work"), "test"))) {
            StoreDriverFactory factory = loaded.factories().get("jackson-json");
            ClassLoader pluginLoader = factory.getClass().getClassLoader();
            Class<?> pluginMapper = Class.forName(ObjectMapper.class.getName(), false, pluginLoader);
            String hostVersion = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();
            Map<String, String> seenByPlugin = stores.defaultStore().properties();

            assertThat(seenByPlugin)
                    .containsEntry("databind_version", PLUGIN_JACKSON)
                    .containsEntry("databind_implementation_version", PLUGIN_JACKSON)
                    .containsEntry("core_version", PLUGIN_JACKSON)
                    .containsEntry("json", "{\"store\":\"json\"}");
            assertThat(hostVersion).as("the host's Jackson").isNotEqualTo(PLUGIN_JACKSON)
                    .isEqualTo(ObjectMapper.class.getPackage().getImplementationVersion());
            assertThat(pluginMapper).isNotSameAs(ObjectMapper.class);
            assertThat(pluginMapper.getClassLoader()).isSameAs(pluginLoader)
                    .isInstanceOf(SpiOnlyPluginClassLoader.class);
            assertThat(pluginMapper.getProtectionDomain().getCodeSource().getLocation().getPath())
                    .endsWith("/lib/jackson-databind-" + PLUGIN_JACKSON + ".jar");

            byte[] bytes = "data".getBytes(StandardCharsets.UTF_8);
            assertThat(stores.defaultStore().driver().put("a1", new ByteArrayInputStream(bytes), bytes.length)
                    .metadata()).containsEntry("json", "{\"size\":4}");
        }
    }

    /**
     * A PF4J zip as the loader unpacks it: the descriptor at {@code classes/META-INF/MANIFEST.MF}, the plugin's own
     * classes and service file under {@code classes/}, and its dependencies as {@code lib/*.jar}.
     */
    private static void writeZip(Path zip) throws IOException {
        List<Path> jackson = new ArrayList<>();
        for (String artifact : JACKSON_ARTIFACTS) {
            jackson.add(jacksonJar(artifact));
        }
        List<Path> classPath = new ArrayList<>(jackson);
        classPath.add(PluginJar.spiClassPath());
        Map<String, byte[]> classes = InMemoryCompiler.compile(Map.of(FACTORY, factorySource()), classPath);

        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
            entries.putNextEntry(new ZipEntry("classes/META-INF/MANIFEST.MF"));
            manifest().write(entries);
            entries.putNextEntry(new ZipEntry("classes/META-INF/services/" + StoreDriverFactory.class.getName()));
            entries.write((FACTORY + "\n").getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                entries.putNextEntry(new ZipEntry("classes/" + entry.getKey()));
                entries.write(entry.getValue());
            }
            for (Path jar : jackson) {
                entries.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
                Files.copy(jar, entries);
            }
        }
    }

    private static Manifest manifest() {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", "own-jackson");
        attributes.putValue("Plugin-Version", "1.0.0");
        attributes.putValue("Plugin-Requires", ">=1.0.0 & <2.0.0");
        attributes.putValue("Plugin-Provider", "Glance tests");
        return manifest;
    }

    private static Path jacksonJar(String artifact) {
        String name = "jackson-" + artifact;
        Path jar = ExamplePluginBuild.userLocalRepository().resolve("com/fasterxml/jackson/core").resolve(name)
                .resolve(PLUGIN_JACKSON).resolve(name + "-" + PLUGIN_JACKSON + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing; this test bundles it into a plugin. Fetch it with: ./mvnw "
                    + "dependency:get -Dartifact=com.fasterxml.jackson.core:jackson-databind:" + PLUGIN_JACKSON);
        }
        return jar;
    }

    /** A small store whose driver reports, through describe(), which Jackson its own code linked against. */
    private static String factorySource() {
        return """
                package example.jackson;

                import com.fasterxml.jackson.core.JsonProcessingException;
                import com.fasterxml.jackson.databind.ObjectMapper;
                import io.glance.store.spi.*;
                import java.io.*;
                import java.net.URI;
                import java.util.*;
                import java.util.concurrent.ConcurrentHashMap;

                public final class JacksonStoreFactory implements StoreDriverFactory {
                    public String type() { return "jackson-json"; }
                    public Set<String> schemes() { return Set.of("jackson-json"); }
                    public Set<StoreCapability> capabilities() {
                        return EnumSet.of(StoreCapability.READ, StoreCapability.WRITE);
                    }
                    public List<ConfigKey> configKeys() { return List.of(); }
                    public StoreDriver create(String storeId, Map<String, String> config, StoreContext context) {
                        return new Driver(storeId);
                    }

                    static final class Driver implements StoreDriver {
                        private final ObjectMapper mapper = new ObjectMapper();
                        private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
                        private final String storeId;

                        Driver(String storeId) { this.storeId = storeId; }

                        public String storeId() { return storeId; }

                        public StoredObject put(String imageId, InputStream data, long expectedSize) {
                            try {
                                byte[] bytes = data.readAllBytes();
                                if (objects.putIfAbsent(imageId, bytes) != null) {
                                    throw new DuplicateObjectException("image " + imageId + " exists");
                                }
                                return new StoredObject(URI.create("jackson-json://" + storeId + "/" + imageId),
                                        bytes.length, Map.of("json", json(Map.of("size", bytes.length))));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }

                        public ObjectData get(URI location, ByteRange range) {
                            byte[] bytes = find(location);
                            return new ObjectData(new ByteArrayInputStream(bytes), bytes.length, bytes.length);
                        }

                        public long size(URI location) { return find(location).length; }

                        public void delete(URI location) {
                            throw new UnsupportedCapabilityException(storeId, StoreCapability.DELETE);
                        }

                        public Map<String, String> describe() {
                            return Map.of(
                                    "databind_version",
                                    com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(),
                                    "databind_implementation_version",
                                    String.valueOf(ObjectMapper.class.getPackage().getImplementationVersion()),
                                    "core_version", com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString(),
                                    "json", json(Map.of("store", storeId)));
                        }

                        private String json(Object value) {
                            try {
                                return mapper.writeValueAsString(value);
                            } catch (JsonProcessingException e) {
                                throw new IllegalStateException(e);
                            }
                        }

                        private byte[] find(URI location) {
                            byte[] bytes = objects.get(location.getPath().substring(1));
                            if (bytes == null) {
                                throw new ObjectNotFoundException("no object at " + location);
                            }
                            return bytes;
                        }
                    }
                }
                """;
    }
}
