package io.glance.store.swift;

import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.ConfigKey;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
        requireNonNull(storeId, "storeId is null");
        requireNonNull(options, "options is null");
        Set<String> known = KEYS.stream().map(ConfigKey::name).collect(Collectors.toSet());
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw bad(storeId, "unknown option '" + name + "'; accepted options are "
                        + KEYS.stream().map(ConfigKey::name).sorted().toList());
            }
        }
        Parser parser = new Parser(storeId, options);
        int authVersion = (int) parser.number(AUTH_VERSION, 1, 3);
        if (authVersion == 2) {
            throw bad(storeId, "option '" + AUTH_VERSION + "' is 2; Keystone v2 is gone, use 1 (tempauth) or 3");
        }
        String container = parser.text(CONTAINER);
        if (!CONTAINER_NAME.matcher(container).matches()) {
            throw bad(storeId, "option '" + CONTAINER + "' is not a Swift container name: '" + container + "'");
        }
        long chunkMib = parser.number(CHUNK_SIZE, 1, MAX_SEGMENT_MIB);
        return new SwiftStoreConfig(
                parser.authAddress(),
                parser.required(USER),
                parser.required(KEY),
                authVersion,
                Optional.ofNullable(options.get(REGION)).map(String::strip).filter(r -> !r.isEmpty()),
                parser.text(PROJECT_DOMAIN),
                parser.text(USER_DOMAIN),
                container,
                parser.bool(CREATE_CONTAINER),
                parser.number(LARGE_OBJECT_SIZE, 1, MAX_SEGMENT_MIB) * MIB,
                chunkMib * MIB,
                Duration.ofSeconds(parser.number(TIMEOUT, 1, 3600)));
    }

    static BadStoreConfigurationException bad(String storeId, String problem) {
        return new BadStoreConfigurationException("swift store '" + storeId + "': " + problem);
    }

    private record Parser(String storeId, Map<String, String> options) {

        String value(String name) {
            String value = options.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
            return KEYS.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow().defaultValue();
        }

        String required(String name) {
            String value = options.get(name);
            if (value == null || value.isBlank()) {
                throw bad(storeId, "option '" + name + "' is required");
            }
            return value.strip();
        }

        String text(String name) {
            return value(name);
        }

        long number(String name, long min, long max) {
            String value = value(name);
            try {
                long parsed = Long.parseLong(value);
                if (parsed < min || parsed > max) {
                    throw bad(storeId, "option '" + name + "' is " + value + "; it must be between " + min + " and "
                            + max);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw bad(storeId, "option '" + name + "' is not a whole number: '" + value + "'");
            }
        }

        boolean bool(String name) {
            String value = value(name).toLowerCase(java.util.Locale.ROOT);
            return switch (value) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw bad(storeId, "option '" + name + "' is not true or false: '" + value + "'");
            };
        }

        URI authAddress() {
            String value = required(AUTH_ADDRESS);
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                    throw bad(storeId, "option '" + AUTH_ADDRESS + "' is not an http(s) URL: '" + value + "'");
                }
                if (uri.getRawUserInfo() != null) {
                    // Never echo the value: it holds credentials.
                    throw bad(storeId, "option '" + AUTH_ADDRESS + "' must not contain credentials; use '" + USER
                            + "' and '" + KEY + "'");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw bad(storeId, "option '" + AUTH_ADDRESS + "' is not a URL: '" + value + "'");
            }
        }
    }
}
