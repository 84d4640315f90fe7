package io.glance.http;

import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.net.URI;
import java.util.List;

/**
 * The API options of glance-api that shape HTTP answers.
 *
 * @param limitParamDefault page size of GET /v2/images without {@code limit} ({@code limit_param_default})
 * @param apiLimitMax       the largest page a client gets, whatever {@code limit} it asks for ({@code api_limit_max})
 * @param publicEndpoint    the base URL the versions document advertises ({@code public_endpoint}), or {@code null}
 *                          to use the scheme and Host of each request
 * @param maxJsonBodyBytes  the largest JSON request body read (create, patch, members); larger ones get 413. Image
 *                          data is streamed and not subject to this limit.
 * @param showMultipleLocations Glance's {@code show_multiple_locations}: images show {@code locations} and PATCH may
 *                          add and remove them; off by default, because location URLs can reveal where data lives
 * @param showImageDirectUrl Glance's {@code show_image_direct_url}: images show the first location as
 *                          {@code direct_url}; off by default for the same reason
 */
public record ApiSettings(int limitParamDefault, int apiLimitMax, String publicEndpoint, long maxJsonBodyBytes,
                          boolean showMultipleLocations, boolean showImageDirectUrl) {
    public static final int DEFAULT_LIMIT_PARAM_DEFAULT = 25;
    public static final int DEFAULT_API_LIMIT_MAX = 1000;
    /** Glance has no own limit; 1 MiB holds 128 properties of several KiB each with room to spare. */
    public static final long DEFAULT_MAX_JSON_BODY_BYTES = 1024 * 1024;

    public static final Option<Boolean> SHOW_MULTIPLE_LOCATIONS = Option.bool("show_multiple_locations", false,
            "images show `locations`; PATCH may add and remove them (how HTTP store data is registered)");
    public static final Option<Boolean> SHOW_IMAGE_DIRECT_URL = Option.bool("show_image_direct_url", false,
            "images show their first location as `direct_url`");
    public static final Option<Long> MAX_JSON_BODY_SIZE = Option.size("max_json_body_size",
            DEFAULT_MAX_JSON_BODY_BYTES, "1M", "largest JSON request body (create, PATCH, members, import; K, M, G"
                    + " allowed); larger gets 413 before it is parsed. Image data is streamed and not limited by it");
    /** The options these settings are read from. */
    public static final List<Option<?>> OPTIONS = List.of(SHOW_MULTIPLE_LOCATIONS, SHOW_IMAGE_DIRECT_URL,
            MAX_JSON_BODY_SIZE);

    public ApiSettings {
        if (limitParamDefault < 1) {
            throw new IllegalArgumentException("limit_param_default must be at least 1: " + limitParamDefault);
        }
        if (apiLimitMax < 1) {
            throw new IllegalArgumentException("api_limit_max must be at least 1: " + apiLimitMax);
        }
        if (maxJsonBodyBytes < 1) {
            throw new IllegalArgumentException("maxJsonBodyBytes must be at least 1: " + maxJsonBodyBytes);
        }
        if (publicEndpoint != null) {
            URI uri = URI.create(publicEndpoint);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("public_endpoint is not an absolute URL: " + publicEndpoint);
            }
        }
    }

    /** Glance's defaults: pages of 25, at most 1000, versions document built from the request's Host. */
    public static ApiSettings defaults() {
        return new ApiSettings(DEFAULT_LIMIT_PARAM_DEFAULT, DEFAULT_API_LIMIT_MAX, null, DEFAULT_MAX_JSON_BODY_BYTES,
                false, false);
    }

    /** The declared options' values, Glance's defaults for the rest. */
    public static ApiSettings from(OptionValues values) {
        return defaults().withLocations(values.get(SHOW_MULTIPLE_LOCATIONS), values.get(SHOW_IMAGE_DIRECT_URL))
                .withMaxJsonBodyBytes(values.get(MAX_JSON_BODY_SIZE));
    }

    public ApiSettings withLimits(int newLimitParamDefault, int newApiLimitMax) {
        return new ApiSettings(newLimitParamDefault, newApiLimitMax, publicEndpoint, maxJsonBodyBytes,
                showMultipleLocations, showImageDirectUrl);
    }

    public ApiSettings withPublicEndpoint(String newPublicEndpoint) {
        return new ApiSettings(limitParamDefault, apiLimitMax, newPublicEndpoint, maxJsonBodyBytes,
                showMultipleLocations, showImageDirectUrl);
    }

    public ApiSettings withMaxJsonBodyBytes(long newMaxJsonBodyBytes) {
        return new ApiSettings(limitParamDefault, apiLimitMax, publicEndpoint, newMaxJsonBodyBytes,
                showMultipleLocations, showImageDirectUrl);
    }

    public ApiSettings withLocations(boolean newShowMultipleLocations, boolean newShowImageDirectUrl) {
        return new ApiSettings(limitParamDefault, apiLimitMax, publicEndpoint, maxJsonBodyBytes,
                newShowMultipleLocations, newShowImageDirectUrl);
    }
}
