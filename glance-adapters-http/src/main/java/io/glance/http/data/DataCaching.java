package io.glance.http.data;

import io.glance.domain.Image;
import io.glance.domain.Visibility;

import java.time.Duration;

/**
 * The Cache-Control of image data. By default {@code no-cache}: a shared cache (Varnish, Squid) may keep the bytes
 * but must ask glance-api before every reuse, and glance-api answers a body-less 304 only after it checked the
 * caller, so a proxy never hands a private image to someone else. Not {@code private}: RFC 9111 forbids a shared
 * cache to store such a response at all, which would leave the proxy useless. Clouds that want public images served
 * from the proxy without asking may give them {@code public, max-age=…, immutable}; deleting or deactivating one
 * then needs the purge hook, or the proxies keep serving it until max-age runs out.
 *
 * @param publicImageMaxAge how long proxies may serve public images without revalidating; zero keeps them at
 *                          {@code no-cache} like every other image
 */
public record DataCaching(Duration publicImageMaxAge) {
    static final String REVALIDATE = "no-cache";

    public DataCaching {
        if (publicImageMaxAge == null || publicImageMaxAge.isNegative()) {
            throw new IllegalArgumentException("public image max-age must be zero or positive: " + publicImageMaxAge);
        }
    }

    /** Every image revalidated with glance-api on every request. */
    public static DataCaching revalidateAlways() {
        return new DataCaching(Duration.ZERO);
    }

    String cacheControl(Image image) {
        if (!publicImageMaxAge.isZero() && image.visibility() == Visibility.PUBLIC) {
            return "public, max-age=" + publicImageMaxAge.toSeconds() + ", immutable";
        }
        return REVALIDATE;
    }
}
