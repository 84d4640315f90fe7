package io.glance.adapters.importing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A third party's plugin: source compiled against the SPI alone, packed as a jar with its ServiceLoader line, dropped
 * into import_plugins_dir, enabled by name, and run; it sees the SPI but none of the host's classes.
 */
class ThirdPartyPluginJarTest {
    private static final String SOURCE = """
            package com.example.glance;

            import io.glance.importing.spi.ImportPlugin;
            import io.glance.importing.spi.ImportPluginFactory;
            import java.util.Map;

            public final class Stamp implements ImportPluginFactory {
                public String name() { return "stamp"; }
                public ImportPlugin create(Map<String, String> config) {
                    boolean hostVisible;
                    try {
                        Class.forName("io.glance.adapters.importing.ImageConversion", false,
                                Stamp.class.getClassLoader());
                        hostVisible = true;
                    } catch (ClassNotFoundException e) {
                        hostVisible = false;
                    }
                    String seen = Boolean.toString(hostVisible);
                    return context -> context.setAttributes(Map.of("stamped_by", "example", "host_visible", seen));
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aDroppedJarIsLoadedByNameAndSeesOnlyTheSpi() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        buildJar(plugins.resolve("stamp-plugin.jar"));

        List<ImportPluginLoader.LoadedPlugin> loaded = ImportPluginLoader.load(List.of("no_op", "stamp"), plugins,
                name -> Map.of());
        StagedImport context = new StagedImport(dir.resolve("image"), "raw", 1, Set.of());
        for (ImportPluginLoader.LoadedPlugin plugin : loaded) {
            plugin.plugin().apply(context);
        }
        assertThat(context.attributes).containsEntry("stamped_by", "example").containsEntry("host_visible", "false");
    }

    private void buildJar(Path jar) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/com/example/glance")).resolve("Stamp.java");
        Files.writeString(src, SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String spi = Path.of(io.glance.importing.spi.ImportPlugin.class.getProtectionDomain().getCodeSource()
                .getLocation().getPath()).toString();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, errors, errors, "-classpath", spi, "-d", classes.toString(), src.toString());
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                add(out, classes.relativize(file).toString(), Files.readAllBytes(file));
            }
            add(out, "META-INF/services/io.glance.importing.spi.ImportPluginFactory",
                    "com.example.glance.Stamp\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
