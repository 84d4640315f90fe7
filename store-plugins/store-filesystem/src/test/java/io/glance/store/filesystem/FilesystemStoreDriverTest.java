package io.glance.store.filesystem;

import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.ByteRange;
import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;
import io.glance.store.tck.PatternInputStream;
import io.glance.store.tck.TestingStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the TCK cannot know about this driver: its on-disk layout, location rules and startup behaviour. */
class FilesystemStoreDriverTest {
    private static final String IMAGE_ID = "9d2c0e51-6d8f-4f5e-8a5e-1f0b7c2d3e4f";

    private final FilesystemStoreDriverFactory factory = new FilesystemStoreDriverFactory();
    @TempDir
    private Path tmp;
    private Path dataDirectory;
    private StoreDriver driver;

    @BeforeEach
    void createDriver() {
        dataDirectory = tmp.resolve("images");
        driver = create(Map.of());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void createsAMissingDataDirectory() {
        Path nested = tmp.resolve("a/b/c");

        create(Map.of("filesystem_store_datadir", nested.toString())).close();

        assertThat(nested).isDirectory();
    }

    @Test
    void refusesADataDirectoryThatIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> create(Map.of("filesystem_store_datadir", file.toString())))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("filesystem_store_datadir")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a directory");
    }

    @Test
    void refusesADataDirectoryThatCannotBeCreated() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Path impossible = file.resolve("images");

        assertThatThrownBy(() -> create(Map.of("filesystem_store_datadir", impossible.toString())))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining(impossible.toString())
                .hasMessageContaining("cannot be created");
    }

    @Test
    void storesEachImageAsAFileNamedByItsIdWithAFileUri() throws IOException {
        StoredObject stored = driver.put(IMAGE_ID, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);

        assertThat(stored.location()).isEqualTo(dataDirectory.resolve(IMAGE_ID).toUri());
        assertThat(stored.location().toString()).startsWith("file:///").endsWith("/images/" + IMAGE_ID);
        assertThat(stored.metadata()).isEmpty();
        assertThat(Files.readAllBytes(dataDirectory.resolve(IMAGE_ID))).containsExactly(1, 2, 3);
    }

    @Test
    void describesDataDirectoryAndChunkSize() {
        assertThat(driver.describe()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "data_dir", dataDirectory.toString(),
                "chunk_size", "65536"));
    }

    /** While an upload runs, only a hidden partial file exists: readers never see a half-written image. */
    @Test
    void writesUnderAHiddenPartialNameUntilComplete() {
        List<String> namesMidway = new ArrayList<>();
        InputStream data = new ObservedInputStream(new PatternInputStream(3L * ImageFileWriter.BUFFER_SIZE, 1),
                ImageFileWriter.BUFFER_SIZE + 1, () -> namesMidway.addAll(names()));

        driver.put(IMAGE_ID, data, -1);

        assertThat(namesMidway).singleElement().asString()
                .startsWith("." + IMAGE_ID + ".")
                .endsWith(".partial");
        assertThat(names()).containsExactly(IMAGE_ID);
    }

    /** The final publish must not replace a file that appeared meanwhile (a concurrent upload that won). */
    @Test
    void doesNotReplaceAnImageThatAppearedDuringTheUpload() throws IOException {
        InputStream data = new ObservedInputStream(new PatternInputStream(100_000, 2), 50_000, () -> {
            try {
                Files.writeString(dataDirectory.resolve(IMAGE_ID), "the winner");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThatThrownBy(() -> driver.put(IMAGE_ID, data, 100_000))
                .isInstanceOf(DuplicateObjectException.class)
                .hasMessageContaining(IMAGE_ID);
        assertThat(Files.readString(dataDirectory.resolve(IMAGE_ID))).isEqualTo("the winner");
        assertThat(names()).containsExactly(IMAGE_ID);
    }

    @Test
    void appliesConfiguredFilePermissions() throws IOException {
        StoreDriver restrictive = create(Map.of("filesystem_store_file_perm", "0640"));

        StoredObject stored = restrictive.put(IMAGE_ID, new ByteArrayInputStream(new byte[10]), 10);

        assertThat(Files.getPosixFilePermissions(Path.of(stored.location())))
                .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    }

    @Test
    void removesPartialUploadsLeftByACrashOnStart() throws IOException {
        Path stale = Files.writeString(dataDirectory.resolve("." + IMAGE_ID + ".0123456789abcdef.partial"), "x");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(3600)));
        Path running = Files.writeString(dataDirectory.resolve(".other.fedcba9876543210.partial"), "y");
        Path image = Files.writeString(dataDirectory.resolve(IMAGE_ID), "z");
        Files.setLastModifiedTime(image, FileTime.from(Instant.now().minusSeconds(3600)));

        create(Map.of()).close();

        assertThat(stale).doesNotExist();
        assertThat(running).as("an upload another server may still be writing").exists();
        assertThat(image).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", ".hidden", "a/b", "", "..", "with space"})
    void refusesImageIdsThatAreNotPlainFileNames(String imageId) {
        assertThatThrownBy(() -> driver.put(imageId, new ByteArrayInputStream(new byte[1]), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + imageId + "'");
        assertThat(names()).isEmpty();
    }

    @Test
    void refusesLocationsOutsideTheDataDirectory() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret"), "do not serve");
        Files.createDirectories(dataDirectory.resolve("sub"));
        Files.writeString(dataDirectory.resolve("sub/" + IMAGE_ID), "nested");
        Files.writeString(dataDirectory.resolve("." + IMAGE_ID + ".0000000000000000.partial"), "partial");
        List<URI> outside = List.of(
                secret.toUri(),
                URI.create(dataDirectory.toUri() + "../secret"),
                URI.create(dataDirectory.toUri() + "%2E%2E/secret"),
                dataDirectory.resolve("sub/" + IMAGE_ID).toUri(),
                dataDirectory.resolve("." + IMAGE_ID + ".0000000000000000.partial").toUri(),
                dataDirectory.toUri(),
                URI.create("file://otherhost" + dataDirectory.resolve(IMAGE_ID).toUri().getPath()),
                URI.create("http://example.com/" + IMAGE_ID),
                URI.create("file:" + IMAGE_ID));

        for (URI location : outside) {
            assertThatThrownBy(() -> driver.get(location, null)).as("get %s", location)
                    .isInstanceOf(ObjectNotFoundException.class).hasMessageContaining(location.toString());
            assertThatThrownBy(() -> driver.size(location)).as("size %s", location)
                    .isInstanceOf(ObjectNotFoundException.class);
            assertThatThrownBy(() -> driver.delete(location)).as("delete %s", location)
                    .isInstanceOf(ObjectNotFoundException.class);
        }
        assertThat(secret).hasContent("do not serve");
        assertThat(dataDirectory.resolve("sub/" + IMAGE_ID)).exists();
    }

    @Test
    void aDirectoryWithAnImageNameIsNotAnImage() throws IOException {
        Files.createDirectories(dataDirectory.resolve(IMAGE_ID));
        URI location = dataDirectory.resolve(IMAGE_ID).toUri();

        assertThatThrownBy(() -> driver.get(location, null)).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> driver.delete(location)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(dataDirectory.resolve(IMAGE_ID)).isDirectory();
    }

    @Test
    void rangeBeyondTheEndIsRefused() {
        StoredObject stored = driver.put(IMAGE_ID, new ByteArrayInputStream(new byte[10]), 10);

        assertThatThrownBy(() -> driver.get(stored.location(), new ByteRange(5, 6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 bytes");
    }

    private StoreDriver create(Map<String, String> options) {
        Map<String, String> config = new HashMap<>(Map.of("filesystem_store_datadir", dataDirectory.toString()));
        config.putAll(options);
        return factory.create("file", config, new TestingStoreContext(tmp));
    }

    private List<String> names() {
        try (Stream<Path> files = Files.list(dataDirectory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code observer} once, when {@code after} bytes have been read: a look inside a running upload. */
    private static final class ObservedInputStream extends FilterInputStream {
        private final long after;
        private final Runnable observer;
        private long read;
        private boolean observed;

        ObservedInputStream(InputStream data, long after, Runnable observer) {
            super(data);
            this.after = after;
            this.observer = observer;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            read += Math.max(0, count);
            if (!observed && read >= after) {
                observed = true;
                observer.run();
            }
            return count;
        }
    }
}
