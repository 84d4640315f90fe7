package io.glance.http.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Sends JSON answers with the media type glanceclient parses ({@code application/json}). */
public final class JsonResponses {
    private static final String JSON = "application/json";

    private JsonResponses() {
    }

    public static void send(ServerResponse res, Status status, JsonNode body) {
        send(res, status, Json.bytes(body));
    }

    public static void send(ServerResponse res, Status status, byte[] json) {
        res.status(status);
        res.headers().set(HeaderNames.CONTENT_TYPE, JSON);
        res.send(json);
    }
}
