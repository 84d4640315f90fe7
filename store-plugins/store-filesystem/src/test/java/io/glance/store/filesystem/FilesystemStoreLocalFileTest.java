package io.glance.store.filesystem;

import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.SizeMismatchException;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;
import io.glance.store.tck.TestingStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SPI 1.8's putLocalFile: a file of the host (an import's staged or converted data) on the data directory's file
 * system becomes the image file by a hard link, not a copy; anywhere else it is copied as an upload would be.
 */
class FilesystemStoreLocalFileTest {
    private static final String IMAGE_ID = "2b7c4d10-3e5f-4a6b-8c9d-0e1f2a3b4c5d";

    @TempDir
    private Path tmp;
    private Path dataDirectory;
    private StoreDriver driver;

    @BeforeEach
    void createDriver() {
        dataDirectory = tmp.resolve("images");
        driver = new FilesystemStoreDriverFactory().create("file", Map.of("filesystem_store_datadir",
                dataDirectory.toString(), "filesystem_store_file_perm", "0640"), new TestingStoreContext(tmp));
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aFileOnTheSameFileSystemBecomesTheImageFileWithoutACopy() throws IOException {
        byte[] data = randomBytes(3 * 1024 * 1024 + 17);
        Path staged = Files.write(tmp.resolve("staged"), data);
        assertThat(driver.takesLocalFile(staged)).isTrue();

        StoredObject stored = driver.putLocalFile(IMAGE_ID, staged, data.length);

        Path imageFile = Path.of(stored.location());
        assertThat(imageFile.getParent()).isEqualTo(dataDirectory.toAbsolutePath());
        assertThat(stored.size()).isEqualTo(data.length);
        assertThat(Files.getAttribute(imageFile, "unix:ino")).as("one inode, two names: nothing was copied")
                .isEqualTo(Files.getAttribute(staged, "unix:ino"));
        assertThat(Files.getPosixFilePermissions(imageFile)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        Files.delete(staged);
        assertThat(Files.readAllBytes(imageFile)).isEqualTo(data);
        try (var listing = Files.list(dataDirectory)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly(IMAGE_ID);
        }
    }

    @Test
    void aFileOfAnotherFileSystemIsCopied() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
                && !Files.getFileStore(shm).equals(Files.getFileStore(tmp)), "needs a tmpfs /dev/shm apart from tmp");
        byte[] data = randomBytes(1024 * 1024);
        Path elsewhere = Files.createTempFile(shm, "glance-local-file-", ".raw");
        try {
            Files.write(elsewhere, data);
            assertThat(driver.takesLocalFile(elsewhere)).isFalse();

            StoredObject stored = driver.putLocalFile(IMAGE_ID, elsewhere, data.length);

            Path imageFile = Path.of(stored.location());
            assertThat(Files.readAllBytes(imageFile)).isEqualTo(data);
            assertThat(Files.getAttribute(imageFile, "unix:ino")).isNotEqualTo(Files.getAttribute(elsewhere,
                    "unix:ino"));
        } finally {
            Files.deleteIfExists(elsewhere);
        }
    }

    @Test
    void refusesAFileOfAnotherSizeAndAnImageThatHasData() throws IOException {
        Path staged = Files.write(tmp.resolve("staged"), randomBytes(100));

        assertThatThrownBy(() -> driver.putLocalFile(IMAGE_ID, staged, 99))
                .isInstanceOf(SizeMismatchException.class).hasMessageContaining("holds 100 bytes, not the 99");
        try (var listing = Files.list(dataDirectory)) {
            assertThat(listing).isEmpty();
        }

        driver.putLocalFile(IMAGE_ID, staged, 100);
        Path other = Files.write(tmp.resolve("other"), randomBytes(100));
        assertThatThrownBy(() -> driver.putLocalFile(IMAGE_ID, other, 100))
                .isInstanceOf(DuplicateObjectException.class).hasMessageContaining(IMAGE_ID);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
