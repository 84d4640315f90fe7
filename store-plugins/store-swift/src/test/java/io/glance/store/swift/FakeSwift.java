package io.glance.store.swift;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback stand-in for Swift with tempauth, for fault tests: it authenticates anyone, keeps objects in memory
 * (committed only once a PUT body arrived whole), and lets a test replace the answer to any request to script 5xx,
 * truncated bodies, stalls and broken connections. Manifests are stored like objects, under their own name.
 */
final class FakeSwift implements AutoCloseable {

    static final String ACCOUNT_PATH = "/v1/AUTH_test/";

    /** Answers one request instead of the fake's default behaviour; return false to fall through to it. */
    interface Script {
        boolean handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Script script = exchange -> false;

    FakeSwift() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    String authAddress() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/auth/v1.0";
    }

    void script(Script script) {
        this.script = script;
    }

    /** Committed objects, by {@code container/name}. */
    Map<String, byte[]> objects() {
        return objects;
    }

    /** Every request seen, as {@code METHOD path}. */
    List<String> requests() {
        return requests;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            if (script.handle(exchange)) {
                return;
            }
            if (path.startsWith("/auth/")) {
                exchange.getResponseHeaders().add("X-Storage-Url",
                        "http://127.0.0.1:" + server.getAddress().getPort() + ACCOUNT_PATH.substring(0, 13));
                exchange.getResponseHeaders().add("X-Auth-Token", "AUTH_tk_fake");
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            String name = path.substring(ACCOUNT_PATH.length());
            switch (exchange.getRequestMethod()) {
                case "HEAD" -> head(exchange, name);
                case "GET" -> get(exchange, name);
                case "PUT" -> put(exchange, name);
                case "DELETE" -> exchange.sendResponseHeaders(objects.remove(name) != null ? 204 : 404, -1);
                default -> exchange.sendResponseHeaders(405, -1);
            }
        }
    }

    /** The headers jclouds expects on every object answer (it parses Last-Modified). */
    static void objectHeaders(HttpExchange exchange) {
        exchange.getResponseHeaders().add("Last-Modified", "Thu, 26 Nov 2026 10:00:00 GMT");
        exchange.getResponseHeaders().add("Etag", "d41d8cd98f00b204e9800998ecf8427e");
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
    }

    private void head(HttpExchange exchange, String name) throws IOException {
        if (!name.contains("/")) {
            exchange.sendResponseHeaders(204, -1); // every container exists
            return;
        }
        byte[] data = objects.get(name);
        if (data == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        objectHeaders(exchange);
        exchange.getResponseHeaders().add("Content-Length", Integer.toString(data.length));
        exchange.sendResponseHeaders(200, -1);
    }

    private void get(HttpExchange exchange, String name) throws IOException {
        byte[] data = objects.get(name);
        if (data == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        objectHeaders(exchange);
        exchange.sendResponseHeaders(200, data.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(data);
        }
    }

    private void put(HttpExchange exchange, String name) throws IOException {
        byte[] data;
        try (InputStream body = exchange.getRequestBody()) {
            data = body.readAllBytes();
        }
        if (objects.putIfAbsent(name, data) != null && exchange.getRequestHeaders().containsKey("If-None-Match")) {
            exchange.sendResponseHeaders(412, -1);
            return;
        }
        objects.put(name, data);
        exchange.getResponseHeaders().add("Etag", Integer.toHexString(java.util.Arrays.hashCode(data)));
        exchange.sendResponseHeaders(201, -1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
