package io.glance.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/**
 * Finds Keystone's v3 API from an {@code OS_AUTH_URL}, as keystoneauth's discovery does: a URL ending in {@code /v3}
 * is used as it is; an unversioned one ({@code http://keystone:5000}) is asked for its versions and the v3 link is
 * taken. Keystone v2.0 is gone from every supported release and is refused by name.
 */
final class KeystoneVersions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeystoneVersions() {
    }

    static URI v3(HttpClient http, URI authUrl) {
        String text = stripSlashes(authUrl.toString());
        if (text.endsWith("/v3")) {
            return URI.create(text);
        }
        if (text.endsWith("/v2.0")) {
            throw new KeystoneException(0, "", "OS_AUTH_URL " + authUrl + " is Keystone's v2.0 API, which this "
                    + "client does not speak; give the v3 URL (…/v3)", null);
        }
        HttpResponse<String> answer;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(text + "/")).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").GET().build();
            try {
                answer = http.send(request, BodyHandlers.ofString());
            } catch (IOException staleConnection) {
                answer = http.send(request, BodyHandlers.ofString()); // see KeystoneSession#send
            }
        } catch (IOException e) {
            throw new KeystoneException(0, "", "Failed to reach Keystone at " + authUrl + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeystoneException(0, "", "interrupted while asking " + authUrl + " for its versions",
                    new InterruptedIOException(e.getMessage()));
        }
        HttpResponse<String> response = answer;
        // Keystone answers its version list with 300 Multiple Choices.
        return v3Link(response.body()).orElseThrow(() -> new KeystoneException(response.statusCode(), "",
                "OS_AUTH_URL " + authUrl + " lists no Keystone v3 API (HTTP " + response.statusCode()
                        + "); give the v3 URL (…/v3)", null));
    }

    private static java.util.Optional<URI> v3Link(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (IOException notJson) {
            return java.util.Optional.empty();
        }
        if (root == null) {
            return java.util.Optional.empty();
        }
        JsonNode versions = root.path("versions").path("values");
        Iterable<JsonNode> candidates = versions.isArray() ? versions : java.util.List.of(root.path("version"));
        for (JsonNode version : candidates) {
            if (version.path("id").asText("").startsWith("v3")) {
                for (JsonNode link : version.path("links")) {
                    if ("self".equals(link.path("rel").asText()) && link.hasNonNull("href")) {
                        return java.util.Optional.of(URI.create(stripSlashes(link.get("href").asText())));
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static String stripSlashes(String text) {
        String result = text;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
