package io.glance.http.common;

import io.glance.http.errors.HttpStatusException;
import io.helidon.webserver.http.Handler;

import java.util.Map;

/** The catch-all route of a resource: any method it does not serve gets 405 with {@code Allow}, as in Glance. */
public final class MethodNotAllowed {

    private MethodNotAllowed() {
    }

    /** @param allow the methods the resource serves, as Glance lists them, e.g. {@code "GET, POST"} */
    public static Handler allowing(String allow) {
        return (req, res) -> {
            throw new HttpStatusException(405, "The method " + req.prologue().method().text()
                    + " is not allowed for this resource.", Map.of("Allow", allow));
        };
    }
}
