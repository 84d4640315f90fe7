package io.glance.http.common;

import io.glance.domain.ImageId;
import io.glance.http.errors.HttpStatusException;
import io.glance.http.errors.StatusTitles;
import io.glance.ports.in.StagingOwner;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Multi-node staging, the HTTP half: a request that needs an image's staged data and lands on a node that does not
 * hold it is replayed against the node that does ({@link StagingOwner}), as Glance's
 * {@code _proxy_request_to_stage_host}: same method, path and query, the caller's own headers (its token, or its
 * identity headers without Keystone), the same request id; the answer (status, headers, body) goes back to the
 * caller. A node that cannot be reached is a 504 naming it; any other failure to get an answer a 502.
 *
 * <p>Used by POST /import (glance-direct) and DELETE /v2/images/{id}; anything else that needs staged data (a
 * resumable upload's next chunk) calls {@link #target} and {@link #forward} the same way.
 */
public final class StageHostProxy {
    private static final Logger LOG = Logger.getLogger(StageHostProxy.class.getName());

    /**
     * Marks a forwarded request: it is served where it arrives, never forwarded again, so two nodes that disagree
     * about which of them holds the data cannot pass a request back and forth.
     */
    public static final HeaderName FORWARDED = HeaderNames.create("X-Glance-Stage-Host-Forwarded");
    /** Glance's timeout for the proxied request. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Answers of the API are small JSON documents; a bigger one is not relayed whole. */
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;
    /** Headers of one hop only, and those the JDK client sets itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "te", "trailer", "transfer-encoding", "proxy-connection", "proxy-authorization",
            "proxy-authenticate", "http2-settings", "accept-encoding", "date", "server");

    private final StagingOwner owner;
    private final HttpClient client;

    public StageHostProxy(StagingOwner owner) {
        this.owner = requireNonNull(owner, "owner is null");
        // One client per server: its connections to the other nodes are reused.
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The node to forward this request to, or empty when this node serves it. */
    public Optional<URI> target(ServerRequest req, ImageId id) {
        if (req.headers().contains(FORWARDED)) {
            return Optional.empty();
        }
        return owner.stagedElsewhere(RequestContexts.of(req), id);
    }

    /** The remote node's answer. */
    public record Answer(URI node, int status, Map<String, List<String>> headers, byte[] body) {
        public boolean successful() {
            return status / 100 == 2;
        }
    }

    /** Sends the request to {@code node} with {@code body} ({@link HttpRequest.BodyPublishers#noBody()} for none). */
    public Answer forward(ServerRequest req, ServerResponse res, URI node, HttpRequest.BodyPublisher body) {
        return forward(req, res, node, body, DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout until the answer's headers arrive (a forwarded upload needs longer than Glance's 60 s)
     * @throws HttpStatusException 504 when {@code node} cannot be reached, 502 when it gives no answer
     */
    public Answer forward(ServerRequest req, ServerResponse res, URI node, HttpRequest.BodyPublisher body,
                          Duration timeout) {
        // The whole path as the caller sent it (a service's req.path() is relative to where it is registered).
        String path = req.prologue().uriPath().rawPath();
        String query = req.prologue().query().rawValue();
        URI url = URI.create(node.toString() + path + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .method(req.prologue().method().text(), body);
        for (Header header : req.headers()) {
            if (!HOP_BY_HOP.contains(header.name().toLowerCase(Locale.ROOT))
                    && !header.headerName().equals(GlanceHeaders.REQUEST_ID)) {
                for (String value : header.allValues()) {
                    request.header(header.name(), value);
                }
            }
        }
        res.headers().first(GlanceHeaders.REQUEST_ID).ifPresent(id -> request.header(
                GlanceHeaders.REQUEST_ID.defaultCase(), id));
        request.header(FORWARDED.defaultCase(), "1");
        LOG.info("Forwarding " + req.prologue().method().text() + " " + path + " to " + node
                + ", which holds the image's staged data");
        try {
            HttpResponse<InputStream> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] bytes;
            try (InputStream in = answer.body()) {
                bytes = in.readNBytes(MAX_ANSWER_BYTES);
            }
            return new Answer(node, answer.statusCode(), answer.headers().map(), bytes);
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            throw unavailable(504, node, e);
        } catch (IOException e) {
            throw unavailable(502, node, e);
        } catch (IllegalArgumentException e) {
            throw unavailable(502, node, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(502, node, e);
        }
    }

    /** Answers the caller with the remote node's status, headers and body. */
    public void relay(Answer answer, ServerResponse res) {
        Map<String, List<String>> headers = new LinkedHashMap<>(answer.headers());
        headers.forEach((name, values) -> {
            if (!name.startsWith(":") && !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !values.isEmpty()) {
                res.header(HeaderNames.create(name), values.toArray(String[]::new));
            }
        });
        res.status(StatusTitles.status(answer.status()));
        if (answer.body().length == 0) {
            res.send();
        } else {
            res.send(answer.body());
        }
    }

    private static HttpStatusException unavailable(int status, URI node, Exception cause) {
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        LOG.warning("Stage host " + node + " did not answer a forwarded request: " + reason);
        return new HttpStatusException(status, "Stage host " + node + " is unavailable (it holds the image's staged"
                + " data): " + reason);
    }
}
