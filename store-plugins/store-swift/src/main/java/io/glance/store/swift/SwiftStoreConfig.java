package io.glance.store.swift;

import io.glance.store.spi.ConfigKey;
import io.glance.store.toolkit.OptionParser;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The options of one Swift store, parsed and checked. Option names are glance_store's, so existing configuration
 * keeps working; sizes are in MiB as there. {@code swift_store_timeout} is ours: glance_store relies on swiftclient's.
 *
 * @param authAddress         the auth URL: tempauth {@code http://host:8080/auth/v1.0} or Keystone {@code .../v3}
 * @param user                {@code account:user} (tempauth) or {@code project:user} (Keystone v3)
 * @param key                 the password; never logged, never in a location
 * @param authVersion         1 (tempauth) or 3 (Keystone v3)
 * @param container           where images go; segments of large images go to {@code <container>_segments}
 * @param largeObjectSize     images above this many bytes are written as Static Large Objects
 * @param chunkSize           the size of each segment, in bytes
 * @param timeout             connect and read timeout; an upload without progress for this long is aborted
 */
record SwiftStoreConfig(URI authAddress, String user, String key, int authVersion, Optional<String> region,
                        String projectDomain, String userDomain, String container, boolean createContainerOnPut,
                        long largeObjectSize, long chunkSize, Duration timeout) {

    static final String AUTH_ADDRESS = "swift_store_auth_address";
    static final String USER = "swift_store_user";
    static final String KEY = "swift_store_key";
    static final String AUTH_VERSION = "swift_store_auth_version";
    static final String REGION = "swift_store_region";
    static final String PROJECT_DOMAIN = "swift_store_project_domain_name";
    static final String USER_DOMAIN = "swift_store_user_domain_name";
    static final String CONTAINER = "swift_store_container";
    static final String CREATE_CONTAINER = "swift_store_create_container_on_put";
    static final String LARGE_OBJECT_SIZE = "swift_store_large_object_size";
    static final String CHUNK_SIZE = "swift_store_large_object_chunk_size";
    static final String TIMEOUT = "swift_store_timeout";

    static final long MIB = 1024L * 1024;
    /** Swift's default max_file_size: a single object or segment cannot be larger. */
    static final long MAX_SEGMENT_MIB = 5120;
    /** A subset of what Swift allows (256 bytes, no /), so names never need escaping in URLs and locations. */
    private static final Pattern CONTAINER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");

    static final List<ConfigKey> KEYS = List.of(
            ConfigKey.required(AUTH_ADDRESS, "Auth URL: tempauth (http://host:8080/auth/v1.0) or Keystone v3."),
            ConfigKey.required(USER, "account:user for tempauth, project:user for Keystone v3."),
            ConfigKey.secret(KEY, "The user's key (password)."),
            ConfigKey.optional(AUTH_VERSION, "1", "1 for tempauth (v1.0), 3 for Keystone v3."),
            ConfigKey.optional(REGION, null, "Region of the object-store endpoint; may be left unset with one."),
            ConfigKey.optional(PROJECT_DOMAIN, "Default", "Keystone v3: the project's domain name."),
            ConfigKey.optional(USER_DOMAIN, "Default", "Keystone v3: the user's domain name."),
            ConfigKey.optional(CONTAINER, "glance", "Container the images are written to."),
            ConfigKey.optional(CREATE_CONTAINER, "false", "Create the containers on first write when missing."),
            ConfigKey.optional(LARGE_OBJECT_SIZE, "5120", "Images above this size (MiB) are segmented."),
            ConfigKey.optional(CHUNK_SIZE, "200", "Segment size (MiB) of segmented images."),
            ConfigKey.optional(TIMEOUT, "60", "Connect/read timeout in seconds; uploads idle this long abort."));

    SwiftStoreConfig {
        requireNonNull(authAddress, "authAddress is null");
        requireNonNull(user, "user is null");
        requireNonNull(key, "key is null");
        requireNonNull(region, "region is null");
        requireNonNull(projectDomain, "projectDomain is null");
        requireNonNull(userDomain, "userDomain is null");
        requireNonNull(container, "container is null");
        requireNonNull(timeout, "timeout is null");
    }

    String segmentContainer() {
        return container + "_segments";
    }

    /** Parses a store's options; unknown keys and unusable values are refused with the key and value named. */
    static SwiftStoreConfig parse(String storeId, Map<String, String> options) {
        OptionParser parsed = OptionParser.of("swift", storeId, KEYS, options);
        int authVersion = (int) parsed.number(AUTH_VERSION, 1, 3);
        if (authVersion == 2) {
            throw parsed.bad(AUTH_VERSION, "2", "is not supported; Keystone v2 is gone, use 1 (tempauth) or 3");
        }
        String container = parsed.required(CONTAINER);
        if (!CONTAINER_NAME.matcher(container).matches()) {
            throw parsed.bad(CONTAINER, container, "is not a Swift container name");
        }
        String user = parsed.required(USER);
        int colon = user.indexOf(':');
        if (authVersion == 3 && (colon <= 0 || colon == user.length() - 1)) {
            throw parsed.bad(USER, user, "is not project:user, which auth version 3 needs");
        }
        return new SwiftStoreConfig(
                parsed.httpUrl(AUTH_ADDRESS),
                user,
                parsed.required(KEY),
                authVersion,
                parsed.text(REGION),
                parsed.required(PROJECT_DOMAIN),
                parsed.required(USER_DOMAIN),
                container,
                parsed.bool(CREATE_CONTAINER),
                parsed.number(LARGE_OBJECT_SIZE, 1, MAX_SEGMENT_MIB) * MIB,
                parsed.number(CHUNK_SIZE, 1, MAX_SEGMENT_MIB) * MIB,
                Duration.ofSeconds(parsed.number(TIMEOUT, 1, 3600)));
    }
}
