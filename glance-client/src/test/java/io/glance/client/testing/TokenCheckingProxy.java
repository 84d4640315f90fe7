package io.glance.client.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback front for a no-auth glance-api that does what keystonemiddleware would: every request's
 * {@code X-Auth-Token} is checked with the real Keystone; a missing or refused token is answered 401 (with
 * {@code WWW-Authenticate}), a valid one is passed on. It records every token it saw and whose it was, so tests can
 * prove a client logged in and sent its token. Small bodies only (metadata calls).
 */
public final class TokenCheckingProxy implements AutoCloseable {
    /** One request as the proxy saw it: its method and path, its token, and whose Keystone said it was. */
    public record Seen(String request, String token, Optional<String> holder) {
    }

    private final HttpServer server;
    private final URI target;
    private final TestKeystone keystone;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile boolean rejectEverything;

    private TokenCheckingProxy(URI target, TestKeystone keystone) throws IOException {
        this.target = target;
        this.keystone = keystone;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public static TokenCheckingProxy start(URI glanceApi, TestKeystone keystone) throws IOException {
        return new TokenCheckingProxy(glanceApi, keystone);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request so far, in order. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public void clear() {
        seen.clear();
    }

    /** From now on every request is answered 401, whatever its token (a glance-api that refuses the user). */
    public void rejectEverything(boolean value) {
        rejectEverything = value;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String token = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Auth-Token")).orElse("");
            Optional<String> holder;
            try {
                holder = token.isEmpty() ? Optional.empty() : keystone.holder(token);
            } catch (Exception e) {
                throw new IOException("Keystone check failed", e);
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            seen.add(new Seen(exchange.getRequestMethod() + " " + exchange.getRequestURI(), token, holder));
            if (holder.isEmpty() || rejectEverything) {
                byte[] message = "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", \"message\": \"The request you have made requires authentication.\"}}".getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("WWW-Authenticate", "Keystone uri=\"" + keystone.v3() + "\"");
                exchange.sendResponseHeaders(401, message.length);
                exchange.getResponseBody().write(message);
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? BodyPublishers.noBody()
                            : BodyPublishers.ofByteArray(body));
            for (String header : List.of("Content-Type", "Accept", "X-Auth-Token")) {
                Optional.ofNullable(exchange.getRequestHeaders().getFirst(header))
                        .ifPresent(value -> forward.header(header, value));
            }
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(forward.build(), BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            answer.headers().firstValue("Content-Type")
                    .ifPresent(value -> exchange.getResponseHeaders().add("Content-Type", value));
            byte[] answerBody = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), answerBody.length == 0 ? -1 : answerBody.length);
            if (answerBody.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answerBody);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
