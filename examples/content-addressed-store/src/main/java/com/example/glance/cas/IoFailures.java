package com.example.glance.cas;

import io.glance.store.spi.StorageFullException;
import io.glance.store.spi.StoreException;
import io.glance.store.spi.StoreUnavailableException;
import io.glance.store.spi.WriteDeniedException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/**
 * Turns the JDK's I/O errors into the SPI's typed errors, so the host can answer 413 for a full disk and 503 for
 * the rest. The JDK reports ENOSPC as a plain {@link IOException} whose message is the C library's text.
 */
final class IoFailures {

    private IoFailures() {
    }

    static StoreException writing(String storeId, String what, IOException e) {
        String message = what + " in cas store '" + storeId + "' failed: " + reason(e);
        String text = reason(e).toLowerCase(Locale.ROOT);
        if (text.contains("no space left on device") || text.contains("disk quota exceeded")) {
            return new StorageFullException(message, e);
        }
        if (e instanceof AccessDeniedException || text.contains("permission denied")
                || text.contains("read-only file system")) {
            return new WriteDeniedException(message, e);
        }
        return new StoreUnavailableException(message, e);
    }

    static StoreException reading(String storeId, String what, IOException e) {
        return new StoreUnavailableException(what + " in cas store '" + storeId + "' failed: " + reason(e), e);
    }

    /** The errno text and file of a {@link FileSystemException}, else the message. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException fileSystem) {
            String reason = fileSystem.getReason() != null ? fileSystem.getReason() : e.getClass().getSimpleName();
            return fileSystem.getFile() == null ? reason : fileSystem.getFile() + ": " + reason;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
