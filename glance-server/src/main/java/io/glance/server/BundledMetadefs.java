package io.glance.server;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The definitions of {@code etc/metadefs}, which the build copies into glance-server's jar under {@code metadefs/}:
 * what a new database is loaded with, and the default of {@code load_metadefs}.
 */
final class BundledMetadefs {
    private static final String MARKER = "metadefs/README";

    private BundledMetadefs() {
    }

    /** Runs {@code action} with the directory of the bundled files (inside the jar, or the build's classes). */
    static <T> T withDirectory(PathAction<T> action) throws IOException {
        URL marker = BundledMetadefs.class.getClassLoader().getResource(MARKER);
        if (marker == null) {
            throw new IOException("The build has no bundled metadata definitions (" + MARKER + " is missing)");
        }
        URI uri;
        try {
            uri = marker.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("Cannot locate the bundled metadata definitions: " + marker, e);
        }
        if (uri.getScheme().equals("jar")) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return action.apply(jar.getPath(MARKER).getParent());
            }
        }
        Path directory = Path.of(uri).getParent();
        if (!Files.isDirectory(directory)) {
            throw new IOException("Bundled metadata definitions not found at " + directory);
        }
        return action.apply(directory);
    }

    interface PathAction<T> {
        T apply(Path directory) throws IOException;
    }
}
