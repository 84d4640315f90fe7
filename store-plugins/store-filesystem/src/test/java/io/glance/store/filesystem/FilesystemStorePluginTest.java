package io.glance.store.filesystem;

import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreDriverFactory;
import io.glance.store.spi.StoredObject;
import io.glance.store.tck.TestingStoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The plugin as the host sees it: one factory behind META-INF/services, usable from a minimal configuration. */
class FilesystemStorePluginTest {

    @Test
    void serviceLoaderFindsTheFileStoreAndItRoundTrips(@TempDir Path tmp) throws Exception {
        List<StoreDriverFactory> factories = ServiceLoader.load(StoreDriverFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        assertThat(factories).singleElement().isInstanceOf(FilesystemStoreDriverFactory.class);

        byte[] bytes = "hello, glance".getBytes(StandardCharsets.UTF_8);
        try (StoreDriver driver = factories.get(0).create("file",
                Map.of("filesystem_store_datadir", tmp.toString()), new TestingStoreContext(tmp))) {
            StoredObject stored = driver.put("4c1b1c9e-2b8f-4bd5-9a4e-2a0c7a1d1b1e", new ByteArrayInputStream(bytes),
                    bytes.length);
            ObjectData data = driver.get(stored.location(), null);
            try (InputStream stream = data.stream()) {
                assertThat(stream.readAllBytes()).isEqualTo(bytes);
            }
        }
    }
}
