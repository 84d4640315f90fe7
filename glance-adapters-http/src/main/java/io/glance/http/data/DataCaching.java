package io.glance.http.data;

import io.glance.domain.Image;
import io.glance.domain.Visibility;

import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.time.Duration;
import java.util.List;

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

    public static final Option<Duration> PUBLIC_IMAGE_MAX_AGE = Option.seconds("http_cache_public_max_age",
            Duration.ZERO, Duration.ZERO, "seconds caching proxies may serve the data of public images without asking"
                    + " glance-api (`Cache-Control: public, max-age=…, immutable`); 0: every image is `no-cache`");
    /** The options these settings are read from. */
    public static final List<Option<?>> OPTIONS = List.of(PUBLIC_IMAGE_MAX_AGE);

    public DataCaching {
        if (publicImageMaxAge == null || publicImageMaxAge.isNegative()) {
            throw new IllegalArgumentException("public image max-age must be zero or positive: " + publicImageMaxAge);
        }
    }

    public static DataCaching from(OptionValues values) {
        return new DataCaching(values.get(PUBLIC_IMAGE_MAX_AGE));
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
