package io.glance.store.swift;

import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.StorageFullException;
import io.glance.store.spi.StoreException;
import io.glance.store.spi.StoreUnavailableException;
import io.glance.store.spi.WriteDeniedException;
import org.jclouds.http.HttpResponseException;
import org.jclouds.rest.AuthorizationException;

/** Turns Swift's answers and jclouds' exceptions into the SPI's typed errors, naming the store and the object. */
final class SwiftFailures {

    private SwiftFailures() {
    }

    /** An unexpected HTTP status for {@code what} (e.g. "writing object glance/<id>"). */
    static StoreException forStatus(String storeId, String what, int status) {
        return forStatus(storeId, what, status, null);
    }

    static StoreException forStatus(String storeId, String what, int status, Throwable cause) {
        String message = "swift store '" + storeId + "': " + what + " failed with HTTP " + status;
        return switch (status) {
            case 412 -> new DuplicateObjectException(message + " (the object already exists)", cause);
            case 413, 507 -> new StorageFullException(message + " (quota exceeded or no space)", cause);
            case 401, 403 -> new WriteDeniedException(message + " (not authorized)", cause);
            case 404 -> new StoreUnavailableException(message + " (container missing? set "
                    + SwiftStoreConfig.CREATE_CONTAINER + " or create it)", cause);
            default -> new StoreUnavailableException(message, cause);
        };
    }

    /** Maps what jclouds threw while doing {@code what}. */
    static StoreException fromJclouds(String storeId, String what, RuntimeException failure) {
        if (failure instanceof StoreException storeException) {
            return storeException;
        }
        HttpResponseException http = find(failure, HttpResponseException.class);
        if (http != null && http.getResponse() != null) {
            return forStatus(storeId, what, http.getResponse().getStatusCode(), failure);
        }
        if (find(failure, AuthorizationException.class) != null) {
            return new WriteDeniedException("swift store '" + storeId + "': " + what
                    + " failed: Swift refused the credentials of the configured user", failure);
        }
        return new StoreUnavailableException("swift store '" + storeId + "': " + what + " failed: "
                + failure.getClass().getSimpleName() + ": " + failure.getMessage(), failure);
    }

    /**
     * As {@link #fromJclouds(String, String, RuntimeException)}, and a refusal (401/403, also from Keystone) names the
     * user and the auth URL that were refused, so that an operator sees which setting to fix; never the key.
     */
    static StoreException fromJclouds(String storeId, String what, RuntimeException failure,
                                      SwiftStoreConfig config) {
        StoreException mapped = fromJclouds(storeId, what, failure);
        if (mapped instanceof WriteDeniedException && mapped != failure) {
            return new WriteDeniedException(mapped.getMessage() + ": user '" + config.user() + "' at "
                    + config.authAddress() + " (auth version " + config.authVersion()
                    + ") was refused; check " + SwiftStoreConfig.USER + " and " + SwiftStoreConfig.KEY, failure);
        }
        return mapped;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
