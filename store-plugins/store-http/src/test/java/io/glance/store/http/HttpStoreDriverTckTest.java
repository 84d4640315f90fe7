package io.glance.store.http;

import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;
import io.glance.store.tck.StoreDriverTck;
import io.glance.store.tck.TestingStoreContext;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The whole store driver TCK against a real nginx (started by bin/test). The store cannot write, so the TCK asserts
 * that put and delete are refused, and objects are seeded by writing files into the server's docroot, in a folder of
 * the test's own.
 */
class HttpStoreDriverTckTest extends StoreDriverTck {
    private final HttpStoreDriverFactory factory = new HttpStoreDriverFactory();
    private TestWebServer server;
    private String folder;
    private Path directory;

    @Override
    protected StoreDriver createDriver(Path tmp) throws IOException {
        server = TestWebServer.fromSystemProperties();
        folder = "tck-" + UUID.randomUUID();
        directory = Files.createDirectory(server.docroot().resolve(folder));
        return factory.create("web", server.options(), new TestingStoreContext(tmp.resolve("work")));
    }

    @AfterEach
    void removeFolder() throws IOException {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Override
    protected Set<StoreCapability> declaredCapabilities() {
        return factory.capabilities();
    }

    @Override
    protected List<String> listStoredNames() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }

    @Override
    protected URI absentLocation(String imageId) {
        return server.base().resolve(folder + "/" + imageId);
    }

    /** Written beside the folder and moved in, so the server never serves a half-written file. */
    @Override
    protected StoredObject seedObject(String imageId, InputStream data, long size) {
        try {
            Path partial = server.docroot().resolve(".partial-" + UUID.randomUUID());
            Files.copy(data, partial);
            Files.move(partial, directory.resolve(imageId), StandardCopyOption.ATOMIC_MOVE);
            return new StoredObject(absentLocation(imageId), size, java.util.Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
