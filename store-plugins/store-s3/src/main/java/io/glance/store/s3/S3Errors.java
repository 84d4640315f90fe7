package io.glance.store.s3;

import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreException;
import io.glance.store.spi.StoreUnavailableException;
import io.glance.store.spi.WriteDeniedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** Maps SDK failures to the store SPI's typed errors: 404 not found, 403 denied, the rest unavailable. */
final class S3Errors {

    private S3Errors() {
    }

    /**
     * @param what the operation and object, e.g. {@code "get s3://images/123"}, for the message
     */
    static StoreException map(String storeId, String what, SdkException failure) {
        String reason = reason(failure);
        if (failure instanceof SdkServiceException service) {
            int status = service.statusCode();
            if (status == 404) {
                return new ObjectNotFoundException("s3 store '" + storeId + "': " + what + ": not found", failure);
            }
            if (status == 403 || status == 401) {
                return new WriteDeniedException("s3 store '" + storeId + "': " + what + ": denied (HTTP " + status
                        + "): " + reason, failure);
            }
        }
        return new StoreUnavailableException("s3 store '" + storeId + "': " + what + " failed: " + reason, failure);
    }

    static boolean isNotFound(SdkException failure) {
        return failure instanceof SdkServiceException service && service.statusCode() == 404;
    }

    /** A one-line reason: the service's status and error code, or the client-side cause. */
    static String reason(Throwable failure) {
        if (failure instanceof SdkServiceException service) {
            String code = service instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws
                    && aws.awsErrorDetails() != null ? aws.awsErrorDetails().errorCode() : null;
            return "HTTP " + service.statusCode() + (code == null ? "" : " " + code);
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return root == failure ? message : failure.getClass().getSimpleName() + " (" + message + ")";
    }
}
