package io.glance.server.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Requests to a glance-api behind Keystone, as a user makes them: the user's token in {@code X-Auth-Token}. */
final class TokenRequests {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TokenRequests() {
    }

    /** {@code method path} with {@code body} of {@code contentType} (both may be null), answered within 60 s. */
    static HttpResponse<String> send(GlanceProcess glance, String method, String path, String token,
                                     String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(glance.endpoint() + path))
                .timeout(Duration.ofSeconds(60)).header("X-Auth-Token", token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
