package io.glance.http.errors;

import io.glance.domain.ConflictException;
import io.glance.domain.ForbiddenException;
import io.glance.domain.GlanceException;
import io.glance.domain.GoneException;
import io.glance.domain.InvalidInputException;
import io.glance.domain.LimitExceededException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RangeNotSatisfiableException;
import io.glance.domain.ServiceUnavailableException;
import io.glance.domain.UnauthenticatedException;
import io.helidon.http.HttpException;

import java.util.Map;

/** The one place that decides which status code a failure gets (Glance v2 §6). */
final class ErrorMapping {
    static final String INTERNAL_ERROR_MESSAGE =
            "The server has either erred or is incapable of performing the requested operation.";

    private ErrorMapping() {
    }

    static ApiError map(Throwable error) {
        return switch (error) {
            case GlanceException domain -> new ApiError(status(domain), messageOf(domain, status(domain)), Map.of());
            case HttpStatusException http -> new ApiError(http.status(), messageOf(http, http.status()), http.headers());
            // Helidon's own 4xx (a broken chunked body, a bad header) are the client's fault and safe to show.
            case HttpException helidon when helidon.status().code() < 500 ->
                    new ApiError(helidon.status().code(), messageOf(helidon, helidon.status().code()), Map.of());
            // Anything else is a bug or an outage; its message may hold internals, so it is never shown.
            default -> new ApiError(500, INTERNAL_ERROR_MESSAGE, Map.of());
        };
    }

    static int status(GlanceException error) {
        return switch (error) {
            case InvalidInputException ignored -> 400;
            case ForbiddenException ignored -> 403;
            case NotFoundException ignored -> 404;
            case ConflictException ignored -> 409;
            case GoneException ignored -> 410;
            case LimitExceededException ignored -> 413;
            case RangeNotSatisfiableException ignored -> 416;
            case ServiceUnavailableException ignored -> 503;
            case UnauthenticatedException ignored -> 401;
        };
    }

    /** Longer messages echo too much of what the client sent: they are cut, saying so. */
    static final int MAX_MESSAGE_LENGTH = 512;

    private static String messageOf(Throwable error, int status) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return StatusTitles.title(status);
        }
        return message.length() <= MAX_MESSAGE_LENGTH ? message
                : message.substring(0, MAX_MESSAGE_LENGTH) + "... (" + message.length() + " characters, cut)";
    }
}
