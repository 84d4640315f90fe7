package io.glance.http.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.glance.domain.InvalidInputException;
import io.helidon.webserver.http.ServerRequest;

/** JSON request bodies, parsed strictly as Glance's {@code JSONRequestDeserializer} does. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * The body as JSON; Content-Type is not looked at (Glance does not either).
     *
     * @throws InvalidInputException when there is no body or it is not one well-formed JSON value
     */
    public static JsonNode require(ServerRequest req, long maxBytes) {
        byte[] body = RequestBodies.readSmall(req, maxBytes);
        if (body.length == 0) {
            throw new InvalidInputException("Body expected in request.");
        }
        JsonNode json;
        try {
            json = Json.parse(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("Malformed JSON in request body" + where(e) + ".");
        }
        if (json == null || json.isMissingNode()) {
            // Only whitespace.
            throw new InvalidInputException("Body expected in request.");
        }
        return json;
    }

    /**
     * Where the parser stopped, in our words: Jackson's own messages name its classes and features
     * ({@code com.fasterxml.jackson...}, {@code FAIL_ON_TRAILING_TOKENS}) and echo the input.
     */
    private static String where(JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation location = e.getLocation();
        String what = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")
                ? ": more than one JSON value" : "";
        return location == null || location.getLineNr() < 1 ? what
                : what + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
