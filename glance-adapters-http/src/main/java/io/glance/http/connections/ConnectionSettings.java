package io.glance.http.connections;

import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * How a listener protects itself from clients that hold connections open without using them.
 *
 * @param maxConnections      the most connections open at once; 0 derives it from the process's file limit
 * @param clientSocketTimeout how long a connection may wait for its next request (Glance's option of that name)
 * @param headerReadTimeout   how long a request head may take from its first byte to its last
 * @param bodyReadTimeout     the longest the server waits for a request body's next bytes, and the window over which
 *                            {@code minBodyRate} is measured
 * @param minBodyRate         bytes per second a request body must deliver, averaged over each {@code bodyReadTimeout}
 *                            of waiting for it; 0 switches the rate check off (the read timeout stays)
 */
public record ConnectionSettings(int maxConnections, Duration clientSocketTimeout, Duration headerReadTimeout,
                                 Duration bodyReadTimeout, long minBodyRate) {
    public static final int DERIVED = 0;
    /** Glance's {@code client_socket_timeout} default. */
    public static final Duration DEFAULT_CLIENT_SOCKET_TIMEOUT = Duration.ofSeconds(900);
    /** Apache's mod_reqtimeout allows 20 to 40 seconds for a request head; a real client needs milliseconds. */
    public static final Duration DEFAULT_HEADER_READ_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(60);
    /** 1 KiB/s: a trickle no real upload falls below for a whole minute, far above slowloris' byte a second. */
    public static final long DEFAULT_MIN_BODY_RATE = 1024;

    public static final Option<Integer> MAX_CONNECTIONS = Option.integer("max_connections", DERIVED, 0,
            Integer.MAX_VALUE, "most client connections open at once; 0 means half the descriptors free at start "
                    + "(`ulimit -n`), 16 to 4096");
    public static final Option<Duration> CLIENT_SOCKET_TIMEOUT = Option.seconds("client_socket_timeout",
            DEFAULT_CLIENT_SOCKET_TIMEOUT, Duration.ofMillis(100), "seconds a connection may wait for its next request");
    public static final Option<Duration> HEADER_READ_TIMEOUT = Option.seconds("header_read_timeout",
            DEFAULT_HEADER_READ_TIMEOUT, Duration.ofMillis(100),
            "seconds a request head may take from its first byte to its last");
    public static final Option<Duration> BODY_READ_TIMEOUT = Option.seconds("body_read_timeout",
            DEFAULT_BODY_READ_TIMEOUT, Duration.ofMillis(100),
            "seconds the server waits for a request body's next bytes (and the window of `min_body_rate`)");
    public static final Option<Long> MIN_BODY_RATE = Option.size("min_body_rate", DEFAULT_MIN_BODY_RATE,
            Long.toString(DEFAULT_MIN_BODY_RATE),
            "bytes per second a request body must average over each `body_read_timeout` of waiting (0: off)");
    /** The options these settings are read from. */
    public static final List<Option<?>> OPTIONS = List.of(MAX_CONNECTIONS, CLIENT_SOCKET_TIMEOUT,
            HEADER_READ_TIMEOUT, BODY_READ_TIMEOUT, MIN_BODY_RATE);

    public ConnectionSettings {
        if (maxConnections < 0) {
            throw new IllegalArgumentException("maxConnections must be >= 0: " + maxConnections);
        }
        requirePositive(requireNonNull(clientSocketTimeout, "clientSocketTimeout is null"), "clientSocketTimeout");
        requirePositive(requireNonNull(headerReadTimeout, "headerReadTimeout is null"), "headerReadTimeout");
        requirePositive(requireNonNull(bodyReadTimeout, "bodyReadTimeout is null"), "bodyReadTimeout");
        if (minBodyRate < 0) {
            throw new IllegalArgumentException("minBodyRate must be >= 0: " + minBodyRate);
        }
    }

    public static ConnectionSettings defaults() {
        return new ConnectionSettings(DERIVED, DEFAULT_CLIENT_SOCKET_TIMEOUT, DEFAULT_HEADER_READ_TIMEOUT,
                DEFAULT_BODY_READ_TIMEOUT, DEFAULT_MIN_BODY_RATE);
    }

    public static ConnectionSettings from(OptionValues values) {
        return new ConnectionSettings(values.get(MAX_CONNECTIONS), values.get(CLIENT_SOCKET_TIMEOUT),
                values.get(HEADER_READ_TIMEOUT), values.get(BODY_READ_TIMEOUT), values.get(MIN_BODY_RATE));
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
