package io.glance.store.filesystem;

import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StorageFullException;
import io.glance.store.spi.StoreUnavailableException;
import io.glance.store.spi.WriteDeniedException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import static org.assertj.core.api.Assertions.assertThat;

/** The JDK reports a full disk only through the C library's message, so the mapping is pinned on those texts. */
class IoFailuresTest {

    @Test
    void fullDiskIsStorageFull() {
        // What FileChannel.write throws on ENOSPC, and what file creation throws on EDQUOT.
        assertThat(IoFailures.writing("file", "img", new IOException("No space left on device")))
                .isInstanceOf(StorageFullException.class)
                .hasMessageContaining("img")
                .hasMessageContaining("No space left on device");
        assertThat(IoFailures.writing("file", "img",
                new FileSystemException("/images/.img.1.partial", null, "Disk quota exceeded")))
                .isInstanceOf(StorageFullException.class);
    }

    @Test
    void refusedWritesAreWriteDenied() {
        assertThat(IoFailures.writing("file", "img", new AccessDeniedException("/images/.img.1.partial")))
                .isInstanceOf(WriteDeniedException.class)
                .hasMessageContaining("/images/.img.1.partial");
        assertThat(IoFailures.writing("file", "img",
                new FileSystemException("/images/.img.1.partial", null, "Read-only file system")))
                .isInstanceOf(WriteDeniedException.class);
    }

    @Test
    void otherWriteFailuresMeanTheStoreIsUnavailable() {
        assertThat(IoFailures.writing("file", "img", new IOException("Input/output error")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("Input/output error");
    }

    @Test
    void missingFilesAreNotFound() {
        assertThat(IoFailures.reading("file", "file:///images/img", new NoSuchFileException("/images/img")))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("file:///images/img");
        assertThat(IoFailures.deleting("file", "file:///images/img", new NoSuchFileException("/images/img")))
                .isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void refusedDeletesAreWriteDenied() {
        assertThat(IoFailures.deleting("file", "file:///images/img", new AccessDeniedException("/images/img")))
                .isInstanceOf(WriteDeniedException.class);
    }
}
