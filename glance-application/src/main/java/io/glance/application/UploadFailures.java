package io.glance.application;

import io.glance.domain.ConflictException;
import io.glance.domain.ForbiddenException;
import io.glance.domain.GlanceException;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.LimitExceededException;
import io.glance.domain.ServiceUnavailableException;
import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.SizeMismatchException;
import io.glance.store.spi.StorageFullException;
import io.glance.store.spi.StoreUnavailableException;
import io.glance.store.spi.UnsupportedCapabilityException;
import io.glance.store.spi.WriteDeniedException;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the client is told when an upload fails (Glance v2 §2.3): the store's typed errors become the domain's, so the
 * HTTP adapter maps them like any other. A client that went away (its stream threw) gets a 400: Glance answers a
 * broken request body the same way, the client rarely reads the answer, and a 5xx would page an operator for
 * something that is not the service's fault. The domain's exceptions are sealed, so there is no dedicated one.
 */
final class UploadFailures {

    private UploadFailures() {
    }

    /**
     * @param failure       what went wrong
     * @param clientFailure what the client's stream threw, or {@code null} when it never failed
     */
    static RuntimeException map(ImageId id, String storeId, Throwable failure, Exception clientFailure) {
        if (clientFailure != null && (failure == clientFailure || failure.getCause() == clientFailure
                || failure instanceof UncheckedIOException || failure instanceof IOException)) {
            return new InvalidInputException("Client disconnected or failed while uploading data for image " + id
                    + ": " + clientFailure.getMessage(), failure);
        }
        return switch (failure) {
            case GlanceException domain -> domain;
            case StorageFullException full -> new LimitExceededException("Image storage media is full: store "
                    + storeId + " has no room for the data of image " + id, full);
            case WriteDeniedException denied -> new ServiceUnavailableException("Store " + storeId
                    + " denied writing the data of image " + id, denied);
            case StoreUnavailableException unavailable -> new ServiceUnavailableException("Store " + storeId
                    + " is unavailable for the data of image " + id + ": " + unavailable.getMessage(), unavailable);
            case SizeMismatchException mismatch -> new InvalidInputException("The data of image " + id
                    + " does not have the announced size: " + mismatch.getMessage(), mismatch);
            case DuplicateObjectException duplicate -> new ConflictException("Store " + storeId
                    + " already holds data for image " + id, duplicate);
            case UnsupportedCapabilityException unsupported -> new ForbiddenException("Store " + storeId
                    + " does not accept new data", unsupported);
            case UncheckedIOException io -> new ServiceUnavailableException("Store " + storeId
                    + " failed while writing the data of image " + id + ": " + io.getMessage(), io);
            case IOException io -> new ServiceUnavailableException("Writing the data of image " + id
                    + " failed: " + io.getMessage(), io);
            case RuntimeException other -> other;
            default -> new IllegalStateException("Upload of image " + id + " failed", failure);
        };
    }
}
