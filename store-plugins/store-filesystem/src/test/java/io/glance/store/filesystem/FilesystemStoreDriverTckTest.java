package io.glance.store.filesystem;

import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.tck.StoreDriverTck;
import io.glance.store.tck.TestingStoreContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The whole store driver TCK against a real directory; leftovers are every file in it, hidden ones included. */
class FilesystemStoreDriverTckTest extends StoreDriverTck {
    private final FilesystemStoreDriverFactory factory = new FilesystemStoreDriverFactory();
    private Path dataDirectory;

    @Override
    protected StoreDriver createDriver(Path tmp) {
        dataDirectory = tmp.resolve("images");
        return factory.create("file", Map.of("filesystem_store_datadir", dataDirectory.toString()),
                new TestingStoreContext(tmp.resolve("work")));
    }

    @Override
    protected Set<StoreCapability> declaredCapabilities() {
        return factory.capabilities();
    }

    @Override
    protected List<String> listStoredNames() throws IOException {
        try (Stream<Path> files = Files.list(dataDirectory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }

    @Override
    protected URI absentLocation(String imageId) {
        return dataDirectory.resolve(imageId).toUri();
    }
}
