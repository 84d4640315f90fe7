package io.glance.domain;

/**
 * Root of the domain's typed errors. Each subclass stands for one kind of failure that the API adapters map to one
 * status code; the message is shown to the caller and names the offending value.
 */
public abstract sealed class GlanceException extends RuntimeException
        permits InvalidInputException, NotFoundException, ForbiddenException, ConflictException,
                LimitExceededException, GoneException, RangeNotSatisfiableException, ServiceUnavailableException,
                UnauthenticatedException {

    protected GlanceException(String message) {
        super(message);
    }

    protected GlanceException(String message, Throwable cause) {
        super(message, cause);
    }
}
