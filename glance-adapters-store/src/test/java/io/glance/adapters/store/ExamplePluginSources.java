package io.glance.adapters.store;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Java source of a small, complete store plugin, compiled into real archives by {@link PluginJar}. Its drivers
 * report through {@code describe()} what the plugin's code can see, so tests can check isolation from inside.
 */
final class ExamplePluginSources {

    private ExamplePluginSources() {
    }

    /** A factory {@code packageName.ExampleStoreFactory} for {@code type}, with its driver as a nested class. */
    static String factory(String packageName, String type, String scheme, String... aliases) {
        String aliasList = Arrays.stream(aliases).map(alias -> '"' + alias + '"').collect(Collectors.joining(", "));
        return """
                package %1$s;

                import io.glance.store.spi.*;
                import java.io.*;
                import java.net.URI;
                import java.util.*;
                import java.util.concurrent.ConcurrentHashMap;

                public final class ExampleStoreFactory implements StoreDriverFactory {
                    public String type() { return "%2$s"; }
                    public Set<String> aliases() { return Set.of(%4$s); }
                    public Set<String> schemes() { return Set.of("%3$s"); }
                    public Set<StoreCapability> capabilities() { return EnumSet.allOf(StoreCapability.class); }
                    public List<ConfigKey> configKeys() {
                        return List.of(ConfigKey.optional("example_greeting", "hello", "A greeting."),
                                ConfigKey.secret("example_password", "A credential."));
                    }
                    public StoreDriver create(String storeId, Map<String, String> config, StoreContext context) {
                        boolean pluginContext =
                                Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                        return new Driver(storeId, pluginContext);
                    }

                    /** "plugin" when the plugin's own copy is seen, "host" when the host's leaks in, else "invisible". */
                    static String visibility(String className) {
                        try {
                            Class<?> seen = Class.forName(className);
                            return seen.getClassLoader() == ExampleStoreFactory.class.getClassLoader() ? "plugin" : "host";
                        } catch (ClassNotFoundException e) {
                            return "invisible";
                        }
                    }

                    static final class Driver implements StoreDriver {
                        private final String storeId;
                        private final boolean pluginContext;
                        private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

                        Driver(String storeId, boolean pluginContext) {
                            this.storeId = storeId;
                            this.pluginContext = pluginContext;
                        }

                        public String storeId() { return storeId; }

                        public StoredObject put(String imageId, InputStream data, long expectedSize) {
                            try {
                                byte[] bytes = data.readAllBytes();
                                if (objects.putIfAbsent(imageId, bytes) != null) {
                                    throw new DuplicateObjectException("image " + imageId + " exists");
                                }
                                return new StoredObject(URI.create("%3$s://" + storeId + "/" + imageId), bytes.length, Map.of());
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
                            if (objects.remove(location.getPath().substring(1)) == null) {
                                throw new ObjectNotFoundException("no object at " + location);
                            }
                        }

                        public Map<String, String> describe() {
                            return Map.of(
                                    "helidon", visibility("io.helidon.webserver.WebServer"),
                                    "jackson", visibility("com.fasterxml.jackson.databind.ObjectMapper"),
                                    "glance_server", visibility("io.glance.adapters.store.StorePluginLoader"),
                                    "glance_domain", visibility("io.glance.domain.Image"),
                                    "pf4j", visibility("org.pf4j.Plugin"),
                                    "created_with_plugin_context_loader", Boolean.toString(pluginContext),
                                    "example_password", "leaked-by-describe");
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
                """.formatted(packageName, type, scheme, aliasList);
    }

    /** A stand-in for Jackson's ObjectMapper that a plugin bundles: the host's real one must not replace it. */
    static String bundledObjectMapper() {
        return """
                package com.fasterxml.jackson.databind;

                public class ObjectMapper {
                    public static String origin() { return "bundled by the plugin"; }
                }
                """;
    }
}
