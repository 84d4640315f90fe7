package io.glance.http.purge;

import io.glance.domain.ImageId;
import io.glance.ports.out.ImageDataInvalidation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Sends {@code PURGE} for both data URLs of an image (v2 {@code /v2/images/<id>/file}, v1 {@code /v1/images/<id>})
 * to every configured proxy, all at once, and waits at most the configured time. A proxy that is down or refuses
 * is logged, never an error of the delete: with the default {@code Cache-Control: no-cache} it would ask glance-api
 * before serving the data again anyway, and get a 404 or 403.
 */
public final class ProxyPurger implements ImageDataInvalidation {
    private static final Logger LOG = Logger.getLogger(ProxyPurger.class.getName());

    private final ProxyPurgeSettings settings;
    private final HttpClient client;

    public ProxyPurger(ProxyPurgeSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).build();
    }

    @Override
    public void dataGone(ImageId id) {
        List<CompletableFuture<Void>> purges = new ArrayList<>();
        for (URI base : settings.urls()) {
            for (String path : List.of("/v2/images/" + id.value() + "/file", "/v1/images/" + id.value())) {
                purges.add(purge(URI.create(base + path)));
            }
        }
        try {
            CompletableFuture.allOf(purges.toArray(CompletableFuture[]::new))
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warning("Purging image " + id + " from the caching proxies took longer than "
                    + settings.timeout().toMillis() + " ms; not waiting any longer");
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "Purging image " + id + " from the caching proxies failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CompletableFuture<Void> purge(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).method("PURGE", HttpRequest.BodyPublishers.noBody())
                .timeout(settings.timeout()).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure != null) {
                LOG.warning("PURGE " + uri + " failed: " + failure);
            } else if (response.statusCode() >= 300 && response.statusCode() != 404) {
                // 404: the proxy did not hold it, which is fine.
                LOG.warning("PURGE " + uri + " answered " + response.statusCode());
            } else {
                LOG.fine("PURGE " + uri + " answered " + response.statusCode());
            }
            return null;
        });
    }
}
