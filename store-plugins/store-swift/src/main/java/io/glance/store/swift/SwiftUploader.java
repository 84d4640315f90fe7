package io.glance.store.swift;

import io.glance.store.spi.StoreException;
import io.glance.store.spi.StoreUnavailableException;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Streams request bodies into Swift with the JDK's HttpClient, using the token and storage URL jclouds obtained.
 *
 * <p>Why not jclouds for this: its HttpURLConnection executor closes the caller's stream after a PUT (the host owns
 * it), wraps the stream's own exceptions so the host's size-cap and quota errors cannot be rethrown unchanged, and
 * has no way to abort a half-sent chunked body: the socket stays open until Swift's client timeout. The JDK client
 * aborts the exchange when the body fails or the future is cancelled, so Swift sees a broken request and commits
 * nothing; and the upload can be watched for progress (a read timeout would also fire on a slow, healthy client).
 */
final class SwiftUploader implements AutoCloseable {

    private final String storeId;
    private final SwiftClient client;
    private final Duration idleTimeout;
    private final HttpClient http;

    SwiftUploader(String storeId, SwiftClient client, Duration idleTimeout) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.client = requireNonNull(client, "client is null");
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(idleTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * PUTs one object from {@code body} ({@code length} bytes, or chunked when {@code length < 0}) and returns its
     * ETag. With {@code ifAbsent} Swift refuses (412) to replace an existing object.
     *
     * @throws StoreException      when Swift answers with an error, cannot be reached, or the upload stalls
     * @throws UploadFailedInSource when {@code source} failed; the caller rethrows {@link UploadSource#failure()}
     */
    String put(String container, String objectName, InputStream body, long length, boolean ifAbsent,
               UploadSource source) {
        return finish(start(container, objectName, body, length, ifAbsent, source));
    }

    /**
     * Starts the PUT of one object from {@code body} ({@code length} bytes, or chunked when {@code length < 0}): the
     * HTTP client's threads read the body while the caller goes on; {@link #finish} waits for Swift's answer.
     */
    Pending start(String container, String objectName, InputStream body, long length, boolean ifAbsent,
                  UploadSource source) {
        String what = "writing object " + container + "/" + objectName;
        BodyPublisher publisher = length == 0 ? BodyPublishers.noBody() : new BlockBodyPublisher(body, length);
        HttpRequest.Builder request = HttpRequest.newBuilder(objectUri(container, objectName))
                .header("X-Auth-Token", client.token())
                .PUT(publisher);
        if (ifAbsent) {
            request.header("If-None-Match", "*");
        }
        return new Pending(http.sendAsync(request.build(), BodyHandlers.ofString()), source, what);
    }

    /**
     * Waits for the answer to a started PUT and returns the object's ETag.
     *
     * @throws StoreException      when Swift answers with an error, cannot be reached, or the upload stalls
     * @throws UploadFailedInSource when {@code source} failed; the caller rethrows {@link UploadSource#failure()}
     */
    String finish(Pending pending) {
        HttpResponse<String> answer = await(pending.response(), pending.source(), pending.what());
        int status = answer.statusCode();
        if (status == 401) {
            client.invalidateToken();
        }
        if (status / 100 != 2) {
            throw SwiftFailures.forStatus(storeId, pending.what(), status);
        }
        return answer.headers().firstValue("Etag").orElse(null);
    }

    /**
     * Waits until {@code done} completes (a segment's body was read to its end) while bytes keep moving, or until the
     * PUT ends first (Swift refused it, or the body failed): then its failure is thrown as {@link #finish} throws it.
     */
    void awaitBodySent(Pending pending, CompletableFuture<Void> done) {
        long lastCount = pending.source().count();
        while (true) {
            try {
                CompletableFuture.anyOf(done, pending.response()).get(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long count = pending.source().count();
                if (count == lastCount) {
                    pending.response().cancel(true);
                    throw new StoreUnavailableException("swift store '" + storeId + "': " + pending.what()
                            + " made no progress for " + idleTimeout.toSeconds() + " s after " + count
                            + " bytes; aborted", e);
                }
                lastCount = count;
                continue;
            } catch (ExecutionException e) {
                // the response failed: finish reports it below
            } catch (InterruptedException e) {
                pending.response().cancel(true);
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("swift store '" + storeId + "': " + pending.what()
                        + " was interrupted", e);
            }
            if (done.isDone()) {
                return;
            }
            String etag = finish(pending);
            throw new StoreUnavailableException("swift store '" + storeId + "': " + pending.what()
                    + " was answered (ETag " + etag + ") before its body was sent");
        }
    }

    /** A PUT under way: the HTTP exchange, the source it reads, and what it writes (for messages). */
    record Pending(CompletableFuture<HttpResponse<String>> response, UploadSource source, String what) {
    }

    URI objectUri(String container, String objectName) {
        return URI.create(client.storageUrl() + "/" + container + "/" + objectName);
    }

    /** Waits for the answer while bytes keep moving; gives up after {@code idleTimeout} without progress. */
    private HttpResponse<String> await(CompletableFuture<HttpResponse<String>> response, UploadSource source,
                                       String what) {
        long lastCount = source.count();
        while (true) {
            try {
                return response.get(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long count = source.count();
                if (count == lastCount) {
                    response.cancel(true);
                    throw new StoreUnavailableException("swift store '" + storeId + "': " + what + " made no progress"
                            + " for " + idleTimeout.toSeconds() + " s after " + count + " bytes; aborted", e);
                }
                lastCount = count;
            } catch (ExecutionException e) {
                if (source.failure() != null) {
                    throw new UploadFailedInSource();
                }
                throw new StoreUnavailableException("swift store '" + storeId + "': " + what + " failed after "
                        + source.count() + " bytes: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                response.cancel(true);
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("swift store '" + storeId + "': " + what + " was interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }

    /** The request failed because the host's stream did; its exception is in {@link UploadSource#failure()}. */
    static final class UploadFailedInSource extends RuntimeException {
        UploadFailedInSource() {
            super(null, null, false, false);
        }
    }
}
