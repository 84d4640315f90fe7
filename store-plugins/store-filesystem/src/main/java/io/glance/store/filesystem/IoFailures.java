package io.glance.store.filesystem;

import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StorageFullException;
import io.glance.store.spi.StoreException;
import io.glance.store.spi.StoreUnavailableException;
import io.glance.store.spi.WriteDeniedException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * Turns the JDK's I/O errors into the SPI's typed errors. The JDK reports ENOSPC and EDQUOT as plain
 * {@link IOException}s whose message is the C library's text, so that text is what identifies a full disk.
 */
final class IoFailures {

    private IoFailures() {
    }

    /** A failure while creating, writing or publishing an image file. */
    static StoreException writing(String storeId, String imageId, IOException e) {
        String what = "writing image " + imageId + " to filesystem store '" + storeId + "' failed: " + reason(e);
        if (isOutOfSpace(e)) {
            return new StorageFullException(what, e);
        }
        if (isDenied(e)) {
            return new WriteDeniedException(what, e);
        }
        return new StoreUnavailableException(what, e);
    }

    /** A failure while opening or reading an image file. */
    static StoreException reading(String storeId, Object location, IOException e) {
        if (e instanceof NoSuchFileException) {
            return notFound(storeId, location, e);
        }
        return new StoreUnavailableException("reading " + location + " from filesystem store '" + storeId
                + "' failed: " + reason(e), e);
    }

    /** A failure while deleting an image file. */
    static StoreException deleting(String storeId, Object location, IOException e) {
        if (e instanceof NoSuchFileException) {
            return notFound(storeId, location, e);
        }
        String what = "deleting " + location + " from filesystem store '" + storeId + "' failed: " + reason(e);
        if (isDenied(e)) {
            return new WriteDeniedException(what, e);
        }
        return new StoreUnavailableException(what, e);
    }

    private static ObjectNotFoundException notFound(String storeId, Object location, IOException e) {
        return new ObjectNotFoundException("no object at " + location + " in filesystem store '" + storeId + "'", e);
    }

    static boolean isOutOfSpace(IOException e) {
        String text = reason(e).toLowerCase(Locale.ROOT);
        return text.contains("no space left on device") || text.contains("disk quota exceeded");
    }

    static boolean isDenied(IOException e) {
        if (e instanceof AccessDeniedException) {
            return true;
        }
        String text = reason(e).toLowerCase(Locale.ROOT);
        return text.contains("permission denied") || text.contains("read-only file system")
                || text.contains("operation not permitted");
    }

    /** The most specific description: {@link FileSystemException} keeps the errno text apart from the file name. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException fileSystem) {
            // Subclasses such as AccessDeniedException often carry no reason text; their type is the reason.
            String reason = fileSystem.getReason() != null ? fileSystem.getReason() : e.getClass().getSimpleName();
            return fileSystem.getFile() == null ? reason : fileSystem.getFile() + ": " + reason;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
