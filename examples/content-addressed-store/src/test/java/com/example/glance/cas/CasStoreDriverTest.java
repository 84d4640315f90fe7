package com.example.glance.cas;

import com.example.glance.cas.CasStoreDriverTckTest.StoreContents;
import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreDriverFactory;
import io.glance.store.spi.StoredObject;
import io.glance.store.tck.TestingStoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the TCK cannot see: deduplication, reference counting across restarts, recovery, ownership, options. */
class CasStoreDriverTest {
    private static final byte[] CONTENT = "the same bytes, uploaded twice".getBytes(StandardCharsets.UTF_8);
    private static final String FIRST = "9f1c1f4e-0d7b-4c55-a6a0-1b2c3d4e5f60";
    private static final String SECOND = "0a5b6c7d-8e9f-4a1b-9c2d-3e4f5a6b7c8d";

    @TempDir
    private Path tmp;

    @Test
    void serviceLoaderFindsTheFactory() {
        List<StoreDriverFactory> factories = ServiceLoader.load(StoreDriverFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();

        assertThat(factories).singleElement().isInstanceOf(CasStoreDriverFactory.class);
        assertThat(factories.get(0).type()).isEqualTo("cas");
        assertThat(factories.get(0).schemes()).containsExactly("cas");
    }

    @Test
    void identicalContentIsStoredOnceAndKeptUntilItsLastImageIsDeleted() throws Exception {
        try (StoreDriver driver = create("dedup")) {
            StoredObject first = put(driver, FIRST, CONTENT);
            StoredObject second = put(driver, SECOND, CONTENT);

            assertThat(first.location()).isEqualTo(URI.create("cas://dedup/" + FIRST));
            assertThat(second.location()).isEqualTo(URI.create("cas://dedup/" + SECOND));
            assertThat(first.metadata()).containsEntry("sha256", sha256(CONTENT));
            assertThat(contents().blobs()).containsExactly(sha256(CONTENT));
            assertThat(contents().pointers()).containsOnlyKeys(FIRST, SECOND);

            driver.delete(first.location());

            assertThat(contents().blobs()).containsExactly(sha256(CONTENT));
            assertThat(read(driver, second.location())).isEqualTo(CONTENT);
            assertThatThrownBy(() -> driver.get(first.location(), null)).isInstanceOf(ObjectNotFoundException.class);

            driver.delete(second.location());

            assertThat(contents().blobs()).isEmpty();
            assertThat(contents().pointers()).isEmpty();
        }
    }

    @Test
    void aRefusedDuplicateKeepsTheSharedBlob() throws Exception {
        try (StoreDriver driver = create("dedup")) {
            StoredObject first = put(driver, FIRST, CONTENT);
            put(driver, SECOND, CONTENT);

            assertThatThrownBy(() -> put(driver, FIRST, CONTENT)).isInstanceOf(DuplicateObjectException.class);
            driver.delete(first.location());

            assertThat(contents().blobs()).containsExactly(sha256(CONTENT));
            assertThat(contents().others()).isEmpty();
        }
    }

    /** Reference counts live in memory; a new driver rebuilds them from the pointers. */
    @Test
    void referencesSurviveARestart() throws Exception {
        StoredObject first;
        StoredObject second;
        try (StoreDriver driver = create("dedup")) {
            first = put(driver, FIRST, CONTENT);
            second = put(driver, SECOND, CONTENT);
        }
        try (StoreDriver driver = create("dedup")) {
            driver.delete(first.location());
            assertThat(read(driver, second.location())).isEqualTo(CONTENT);
            driver.delete(second.location());
        }
        assertThat(contents().blobs()).isEmpty();
    }

    /** A process killed mid-upload or mid-publish leaves temporary files and unnamed blobs; a start removes them. */
    @Test
    void startRemovesWhatACrashLeftBehind() throws Exception {
        try (StoreDriver driver = create("dedup")) {
            put(driver, FIRST, CONTENT);
        }
        Path root = tmp.resolve("cas");
        Files.writeString(root.resolve("tmp").resolve("blob-0123456789abcdef.partial"), "half an upload");
        byte[] orphan = "published, but its pointer never was".getBytes(StandardCharsets.UTF_8);
        Path orphanBlob = root.resolve(sha256(orphan).substring(0, 2)).resolve(sha256(orphan));
        Files.createDirectories(orphanBlob.getParent());
        Files.write(orphanBlob, orphan);

        try (StoreDriver driver = create("dedup")) {
            assertThat(contents().others()).isEmpty();
            assertThat(contents().blobs()).containsExactly(sha256(CONTENT));
            assertThat(read(driver, URI.create("cas://dedup/" + FIRST))).isEqualTo(CONTENT);
        }
    }

    /** The in-memory counts are only true for a single owner of the root. */
    @Test
    void aRootHasOneOwnerAtATime() {
        try (StoreDriver owner = create("one")) {
            assertThatThrownBy(() -> create("two"))
                    .isInstanceOf(BadStoreConfigurationException.class)
                    .hasMessageContaining("cas store 'two'")
                    .hasMessageContaining("cas_store_root")
                    .hasMessageContaining("already uses it");
        }
        create("two").close();
    }

    @Test
    void locationsOfAnotherStoreAreNotFoundHere() {
        try (StoreDriver driver = create("dedup")) {
            StoredObject stored = put(driver, FIRST, CONTENT);

            assertThatThrownBy(() -> driver.get(URI.create("cas://other/" + FIRST), null))
                    .isInstanceOf(ObjectNotFoundException.class)
                    .hasMessageContaining("belongs to store 'other'");
            assertThatThrownBy(() -> driver.size(URI.create("file:///tmp/" + FIRST)))
                    .isInstanceOf(ObjectNotFoundException.class);
            assertThatThrownBy(() -> driver.delete(URI.create("cas://dedup/../index/" + FIRST)))
                    .isInstanceOf(ObjectNotFoundException.class);
            assertThat(driver.size(stored.location())).isEqualTo(CONTENT.length);
        }
    }

    @Test
    void optionsAreCheckedByTheFactory() {
        CasStoreDriverFactory factory = new CasStoreDriverFactory();
        TestingStoreContext context = new TestingStoreContext(tmp);

        assertThatThrownBy(() -> factory.create("c", Map.of(), context))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessage("cas store 'c': option 'cas_store_root' is required");
        assertThatThrownBy(() -> factory.create("c", Map.of("cas_store_root", tmp.toString(), "cas_typo", "1"),
                context))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessage("cas store 'c': unknown option 'cas_typo'; accepted options are [cas_store_root]");
        assertThat(factory.configKeys()).singleElement().satisfies(key -> {
            assertThat(key.name()).isEqualTo("cas_store_root");
            assertThat(key.required()).isTrue();
            assertThat(key.secret()).isFalse();
        });
    }

    @Test
    void aRootThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> new CasStoreDriverFactory().create("c", Map.of("cas_store_root", file.toString()),
                new TestingStoreContext(tmp)))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("cas_store_root " + file + " is unusable");
    }

    private StoreDriver create(String storeId) {
        return new CasStoreDriverFactory().create(storeId, Map.of("cas_store_root", tmp.resolve("cas").toString()),
                new TestingStoreContext(tmp.resolve("work")));
    }

    private StoreContents contents() throws IOException {
        return StoreContents.of(tmp.resolve("cas"));
    }

    private static StoredObject put(StoreDriver driver, String imageId, byte[] bytes) {
        return driver.put(imageId, new ByteArrayInputStream(bytes), bytes.length);
    }

    private static byte[] read(StoreDriver driver, URI location) throws IOException {
        ObjectData data = driver.get(location, null);
        try (InputStream stream = data.stream()) {
            return stream.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
