package io.glance.http.purge;

import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the caching proxies in front of glance-api are, for purging an image's data when it is deleted or
 * deactivated.
 *
 * @param urls    each proxy's base URL, e.g. {@code http://varnish:6081}; empty: nothing to purge
 * @param timeout how long a delete or deactivation waits for the proxies at most
 */
public record ProxyPurgeSettings(List<URI> urls, Duration timeout) {
    public static final Option<List<URI>> PURGE_URLS = Option.of("http_cache_purge_urls", List.of(), "none",
            "comma-separated base URLs of caching proxies (Varnish, Squid) to send `PURGE` for an image's data"
                    + " when it is deleted or deactivated, e.g. `http://127.0.0.1:6081`",
            ProxyPurgeSettings::parseUrls);
    public static final Option<Duration> PURGE_TIMEOUT = Option.seconds("http_cache_purge_timeout",
            Duration.ofSeconds(2), Duration.ofMillis(100),
            "seconds a delete or deactivation waits at most for the proxies' answers to its `PURGE`s");
    /** The options these settings are read from. */
    public static final List<Option<?>> OPTIONS = List.of(PURGE_URLS, PURGE_TIMEOUT);

    public ProxyPurgeSettings {
        urls = List.copyOf(urls);
    }

    public static ProxyPurgeSettings from(OptionValues values) {
        return new ProxyPurgeSettings(values.get(PURGE_URLS), values.get(PURGE_TIMEOUT));
    }

    static List<URI> parseUrls(String text) {
        List<URI> urls = new ArrayList<>();
        for (String item : text.split(",")) {
            String url = item.strip();
            if (url.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a comma-separated list of http(s) URLs, not '" + url + "'");
            }
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("a comma-separated list of http(s) URLs, not '" + url + "'");
            }
            urls.add(uri);
        }
        return List.copyOf(urls);
    }
}
