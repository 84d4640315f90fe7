package io.glance.store.http;

import io.glance.store.spi.ByteRange;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreException;
import io.glance.store.spi.StoreUnavailableException;
import io.glance.store.spi.StoredObject;
import io.glance.store.spi.UnsupportedCapabilityException;
import io.glance.store.toolkit.CheckedLengthInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A read-only store over images a web server serves. Redirects are followed here, not by the client, so that the
 * {@link HostPolicy} sees every hop. Bodies are length-checked and guarded against stalls.
 */
final class HttpStoreDriver implements StoreDriver {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+)");

    private final String storeId;
    private final HttpStoreConfig config;
    private final HostPolicy policy;
    private final HttpClient client;
    private final ScheduledExecutorService stallTimer;

    HttpStoreDriver(String storeId, HttpStoreConfig config, HostPolicy policy) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.config = requireNonNull(config, "config is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.timeout())
                .build();
        this.stallTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "http-store-" + storeId + "-stall-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String storeId() {
        return storeId;
    }

    @Override
    public StoredObject put(String imageId, InputStream data, long expectedSize) {
        throw new UnsupportedCapabilityException(storeId, StoreCapability.WRITE);
    }

    @Override
    public void delete(URI location) {
        throw new UnsupportedCapabilityException(storeId, StoreCapability.DELETE);
    }

    @Override
    public ObjectData get(URI location, ByteRange range) {
        requireNonNull(location, "location is null");
        String what = "GET " + HttpLocations.safe(location);
        if (range != null && range.length() == 0) {
            return new ObjectData(InputStream.nullInputStream(), 0, size(location));
        }
        HttpResponse<InputStream> response = send(location, "GET", range);
        try {
            ObjectData data = interpret(what, response, range);
            InputStream body = new StallGuard(response.body(), stallTimer, config.timeout(), what);
            return new ObjectData(CheckedLengthInputStream.exactly(body, data.length(), what), data.length(),
                    data.objectSize());
        } catch (RuntimeException e) {
            closeQuietly(response.body());
            throw e;
        }
    }

    @Override
    public long size(URI location) {
        requireNonNull(location, "location is null");
        HttpResponse<InputStream> response = send(location, "HEAD", null);
        closeQuietly(response.body());
        if (response.statusCode() != 200) {
            throw failure("HEAD " + HttpLocations.safe(location), response.statusCode());
        }
        return contentLength(response).orElseThrow(() -> new StoreUnavailableException("http store '" + storeId
                + "': HEAD " + HttpLocations.safe(location) + ": the answer has no Content-Length"));
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("http_store_allowed_schemes", String.join(",", config.allowedSchemes()),
                "http_store_allowed_ports", config.allowedPorts().toString(),
                "http_store_max_redirects", Integer.toString(config.maxRedirects()));
    }

    @Override
    public void close() {
        stallTimer.shutdownNow();
        client.close();
    }

    private ObjectData interpret(String what, HttpResponse<InputStream> response, ByteRange range) {
        int status = response.statusCode();
        OptionalLong length = contentLength(response);
        if (status == 200 && length.isPresent()
                && (range == null || range.offset() == 0 && range.length() == length.getAsLong())) {
            return new ObjectData(InputStream.nullInputStream(), length.getAsLong(), length.getAsLong());
        }
        if (status == 206 && range != null) {
            String header = response.headers().firstValue("Content-Range").orElse("");
            Matcher matcher = CONTENT_RANGE.matcher(header.strip());
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) != range.offset()
                    || Long.parseLong(matcher.group(2)) != range.lastByte()
                    || length.isPresent() && length.getAsLong() != range.length()) {
                throw new StoreUnavailableException("http store '" + storeId + "': " + what + " asked for bytes "
                        + range.offset() + "-" + range.lastByte() + " but got Content-Range '" + header + "'");
            }
            return new ObjectData(InputStream.nullInputStream(), range.length(), Long.parseLong(matcher.group(3)));
        }
        if (status == 200 || status == 206) {
            throw new StoreUnavailableException("http store '" + storeId + "': " + what + ": HTTP " + status
                    + (range != null && status == 200 ? " without honouring Range bytes=" + range.offset() + "-"
                    + range.lastByte() : " without a usable Content-Length"));
        }
        throw failure(what, status);
    }

    /** Sends the request, following redirects itself and checking the policy before every hop. */
    private HttpResponse<InputStream> send(URI location, String method, ByteRange range) {
        URI current = location;
        for (int hop = 0; ; hop++) {
            policy.check(current);
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(config.timeout())
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (range != null) {
                request.header("Range", "bytes=" + range.offset() + "-" + range.lastByte());
            }
            HttpResponse<InputStream> response = exchange(request.build(), method, current);
            int status = response.statusCode();
            if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
                return response;
            }
            closeQuietly(response.body());
            if (hop >= config.maxRedirects()) {
                throw new StoreUnavailableException("http store '" + storeId + "': " + method + " "
                        + HttpLocations.safe(location) + ": more than " + config.maxRedirects() + " redirects");
            }
            String target = response.headers().firstValue("Location").orElseThrow(() ->
                    new StoreUnavailableException("http store '" + storeId + "': redirect " + status + " from "
                            + HttpLocations.safe(response.uri()) + " has no Location"));
            try {
                current = current.resolve(target);
            } catch (IllegalArgumentException e) {
                throw new StoreUnavailableException("http store '" + storeId + "': redirect from "
                        + HttpLocations.safe(response.uri()) + " to a malformed Location", e);
            }
        }
    }

    private HttpResponse<InputStream> exchange(HttpRequest request, String method, URI uri) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new StoreUnavailableException("http store '" + storeId + "': " + method + " "
                    + HttpLocations.safe(uri) + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("http store '" + storeId + "': " + method + " "
                    + HttpLocations.safe(uri) + " interrupted", e);
        }
    }

    private StoreException failure(String what, int status) {
        if (status == 404 || status == 410) {
            return new ObjectNotFoundException("http store '" + storeId + "': " + what + ": not found (HTTP "
                    + status + ")");
        }
        return new StoreUnavailableException("http store '" + storeId + "': " + what + ": HTTP " + status);
    }

    private static OptionalLong contentLength(HttpResponse<?> response) {
        return response.headers().firstValueAsLong("Content-Length");
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // nothing left to read from this answer
        }
    }
}
