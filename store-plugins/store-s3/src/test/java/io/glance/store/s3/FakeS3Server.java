package io.glance.store.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for an S3 service that answers what each test scripts, for failures a real server will not
 * produce on demand. Records every request as {@code "METHOD /path?query"}.
 */
final class FakeS3Server implements AutoCloseable {

    /** How to answer one request: returns true when it answered, false for the default answer. */
    @FunctionalInterface
    interface Script {
        boolean answer(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Script script = exchange -> false;

    FakeS3Server() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // One thread per exchange: a request the client abandoned mid-body must not hold up the next ones.
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    /** Scripts answers; the script returns true when it answered, false for the default answer. */
    void script(Script script) {
        this.script = script;
    }

    Map<String, String> options(int largeObjectMib, int chunkMib) {
        return Map.of(S3StoreConfig.HOST, endpoint().toString(), S3StoreConfig.ACCESS_KEY, "fake-access",
                S3StoreConfig.SECRET_KEY, "fake-secret", S3StoreConfig.BUCKET, "images",
                S3StoreConfig.URL_FORMAT, "path", S3StoreConfig.LARGE_OBJECT_SIZE, Integer.toString(largeObjectMib),
                S3StoreConfig.CHUNK_SIZE, Integer.toString(chunkMib));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                + (query == null ? "" : "?" + query));
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (!script.answer(exchange)) {
                answerDefault(exchange, query == null ? "" : query);
            }
        }
    }

    /** Absent objects, successful writes and multipart steps. */
    private static void answerDefault(HttpExchange exchange, String query) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("HEAD") || method.equals("GET")) {
            respond(exchange, 404, method.equals("HEAD") ? null : error("NoSuchKey"));
        } else if (method.equals("POST") && query.startsWith("uploads")) {
            respond(exchange, 200, "<InitiateMultipartUploadResult><Bucket>images</Bucket><Key>k</Key>"
                    + "<UploadId>upload-1</UploadId></InitiateMultipartUploadResult>");
        } else if (method.equals("POST")) {
            respond(exchange, 200, "<CompleteMultipartUploadResult><ETag>\"e\"</ETag></CompleteMultipartUploadResult>");
        } else if (method.equals("PUT")) {
            exchange.getResponseHeaders().add("ETag", "\"etag\"");
            respond(exchange, 200, null);
        } else {
            respond(exchange, 204, null);
        }
    }

    static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        if (xml == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static String error(String code) {
        return "<Error><Code>" + code + "</Code><Message>scripted by the test</Message></Error>";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
