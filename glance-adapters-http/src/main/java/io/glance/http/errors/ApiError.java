package io.glance.http.errors;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** What an error answer says: status, the message shown to the client, and extra headers. */
record ApiError(int status, String message, Map<String, String> headers) {

    ApiError {
        requireNonNull(message, "message is null");
        headers = Map.copyOf(headers);
    }
}
