package io.glance.store.swift;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A Keystone v3 password login scoped to the user's project, as a test's own view of Swift: the token and the
 * object-store endpoint the catalog names. Independent of jclouds, so that the test checks what the driver did.
 */
final class KeystoneLogin {
    record Session(String token, String storageUrl) {
    }

    private KeystoneLogin() {
    }

    /** @param user {@code project:user}, both in the Default domain */
    static Session login(HttpClient http, String authAddress, String user, String password)
            throws IOException, InterruptedException {
        int colon = user.indexOf(':');
        String project = user.substring(0, colon);
        String name = user.substring(colon + 1);
        JsonObject domain = new JsonObject();
        domain.addProperty("id", "default");
        JsonObject account = new JsonObject();
        account.addProperty("name", name);
        account.addProperty("password", password);
        account.add("domain", domain);
        JsonObject scope = new JsonObject();
        scope.addProperty("name", project);
        scope.add("domain", domain);
        String body = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":" + account
                + "}},\"scope\":{\"project\":" + scope + "}}}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(authAddress + "/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("Keystone at " + authAddress + " answered " + response.statusCode());
        }
        String token = response.headers().firstValue("X-Subject-Token").orElseThrow();
        JsonObject tokenBody = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("token");
        for (JsonElement service : tokenBody.getAsJsonArray("catalog")) {
            if (service.getAsJsonObject().get("type").getAsString().equals("object-store")) {
                for (JsonElement endpoint : service.getAsJsonObject().getAsJsonArray("endpoints")) {
                    if (endpoint.getAsJsonObject().get("interface").getAsString().equals("public")) {
                        return new Session(token, endpoint.getAsJsonObject().get("url").getAsString());
                    }
                }
            }
        }
        throw new IOException("Keystone at " + authAddress + " lists no public object-store endpoint");
    }
}
