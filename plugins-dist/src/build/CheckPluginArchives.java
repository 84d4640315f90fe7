import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Fails the build when a plugin archive in the plugins folder would break isolation: a bundled copy of the store SPI
 * (the host loads io.glance.store.spi parent-first, so a copy is dead weight at best and a ClassCastException at
 * worst) or any other io.glance class outside the plugin's own package (host code a plugin must not depend on), except
 * the plugin toolkit, which plugins are meant to bundle (each its own copy, loaded by its own class loader).
 * Also checks that each archive is a loadable store plugin: PF4J descriptor and a StoreDriverFactory service entry.
 *
 * <p>Run by maven-antrun-plugin as a single-file source program: {@code java CheckPluginArchives.java <dir>}.
 * Archives are jars, or PF4J zips with {@code classes/} and {@code lib/*.jar}, whose nested jars are checked too.
 */
public final class CheckPluginArchives {
    private static final String SERVICE = "META-INF/services/io.glance.store.spi.StoreDriverFactory";
    private static final String SPI_PACKAGE = "io/glance/store/spi/";
    private static final String HOST_PACKAGES = "io/glance/";
    private static final String TOOLKIT_PACKAGE = "io/glance/store/toolkit/";
    private static final List<String> DESCRIPTOR = List.of("Plugin-Id", "Plugin-Version", "Plugin-Requires");

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: java CheckPluginArchives.java <plugins directory>");
        }
        Path directory = Path.of(args[0]);
        List<Path> archives = archivesIn(directory);
        List<String> problems = new ArrayList<>();
        if (archives.isEmpty()) {
            problems.add(directory + ": no plugin archives (*.jar, *.zip); did the copy step run?");
        }
        for (Path archive : archives) {
            problems.addAll(check(archive));
        }
        if (!problems.isEmpty()) {
            System.err.println("Plugin archive check failed:");
            problems.forEach(problem -> System.err.println("  " + problem));
            System.exit(1);
        }
        System.out.println("Plugin archive check: " + archives.size() + " archive(s) in " + directory
                + " bundle no SPI or host classes");
    }

    private static List<Path> archivesIn(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".jar") || file.toString().endsWith(".zip"))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> check(Path archive) throws IOException {
        Contents contents = new Contents();
        try (InputStream in = Files.newInputStream(archive)) {
            contents.read(new ZipInputStream(in), archive.getFileName().toString());
        }
        List<String> problems = new ArrayList<>();
        String name = archive.getFileName().toString();
        if (contents.manifest == null) {
            problems.add(name + ": no META-INF/MANIFEST.MF (classes/META-INF/MANIFEST.MF in a zip), so no PF4J "
                    + "descriptor");
        } else {
            for (String attribute : DESCRIPTOR) {
                String value = contents.manifest.getMainAttributes().getValue(attribute);
                if (value == null || value.isBlank()) {
                    problems.add(name + ": manifest lacks " + attribute);
                }
            }
        }
        if (contents.factories.isEmpty()) {
            problems.add(name + ": no " + SERVICE + " entry, so the host would find no StoreDriverFactory");
        }
        Set<String> ownPackages = new TreeSet<>();
        for (String factory : contents.factories) {
            int lastDot = factory.lastIndexOf('.');
            ownPackages.add(lastDot < 0 ? "" : factory.substring(0, lastDot + 1).replace('.', '/'));
        }
        for (String entry : contents.classes) {
            String className = entry.substring(entry.lastIndexOf('!') + 1);
            if (className.startsWith(SPI_PACKAGE)) {
                problems.add(name + ": bundles store SPI class " + entry
                        + " (declare glance-store-spi as provided)");
            } else if (className.startsWith(HOST_PACKAGES) && !className.startsWith(TOOLKIT_PACKAGE)
                    && ownPackages.stream().noneMatch(own -> !own.isEmpty() && className.startsWith(own))) {
                problems.add(name + ": bundles host class " + entry + " outside the plugin's own packages "
                        + ownPackages);
            }
        }
        return problems;
    }

    /** What an archive holds, nested jars included; class entries are recorded as "where!path". */
    private static final class Contents {
        private Manifest manifest;
        private final Set<String> factories = new TreeSet<>();
        private final List<String> classes = new ArrayList<>();

        void read(ZipInputStream zip, String where) throws IOException {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String path = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                String local = withoutVersionPrefix(path.startsWith("classes/") ? path.substring(8) : path);
                if (path.endsWith(".jar")) {
                    byte[] nested = zip.readAllBytes();
                    read(new ZipInputStream(new ByteArrayInputStream(nested)), where + "!" + path);
                } else if (local.equals("META-INF/MANIFEST.MF") && manifest == null && where.indexOf('!') < 0) {
                    manifest = new Manifest(new ByteArrayInputStream(zip.readAllBytes()));
                } else if (local.equals(SERVICE)) {
                    String text = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                    text.lines()
                            .map(line -> line.replaceFirst("#.*", "").strip())
                            .filter(line -> !line.isEmpty())
                            .forEach(factories::add);
                } else if (local.endsWith(".class")) {
                    classes.add(where + "!" + local);
                }
            }
        }

        /** Multi-release jars keep per-version classes under META-INF/versions/N/. */
        private static String withoutVersionPrefix(String path) {
            if (!path.startsWith("META-INF/versions/")) {
                return path;
            }
            int slash = path.indexOf('/', "META-INF/versions/".length());
            return slash < 0 ? path : path.substring(slash + 1);
        }
    }
}
