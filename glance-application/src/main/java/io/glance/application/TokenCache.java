package io.glance.application;

import io.glance.ports.out.TokenValidator.TokenCheck;
import io.glance.ports.out.TokenValidator.Valid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * keystonemiddleware's token cache: what Keystone said about a token, kept for {@code token_cache_time}, refusals
 * included, so that neither a good nor a bad token costs a Keystone round trip per request. Keyed by the token's
 * SHA-256, so the cache holds no usable token. Bounded: past {@code maxEntries} the least recently used entry goes.
 * A token cached as valid is still checked against its own expiry by the caller; a revocation is seen once its
 * entry ages out (at most {@code token_cache_time} late, as in Glance).
 */
final class TokenCache {
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> entries;

    /**
     * @param ttl        how long a validation is trusted ({@code token_cache_time}); zero disables the cache
     * @param maxEntries the most tokens remembered
     */
    TokenCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = requireNonNull(ttl, "ttl is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("token_cache_time must not be negative: " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        this.entries = new LinkedHashMap<String, Cached>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The cached outcome for {@code token}, if it has not aged out. */
    Optional<TokenCheck> get(String token) {
        if (ttl.isZero()) {
            return Optional.empty();
        }
        String key = key(token);
        Instant now = clock.instant();
        synchronized (entries) {
            Cached entry = entries.get(key);
            if (entry == null) {
                return Optional.empty();
            }
            if (!now.isBefore(entry.until)) {
                entries.remove(key);
                return Optional.empty();
            }
            return Optional.of(entry.check);
        }
    }

    /**
     * Remembers an outcome for {@code token_cache_time}; a valid token no longer than it stays valid, so that an
     * expired token is re-asked about rather than kept.
     */
    void put(String token, TokenCheck check) {
        requireNonNull(check, "check is null");
        if (ttl.isZero()) {
            return;
        }
        Instant until = clock.instant().plus(ttl);
        if (check instanceof Valid valid && valid.token().expiresAt().isBefore(until)) {
            until = valid.token().expiresAt();
        }
        String key = key(token);
        synchronized (entries) {
            entries.put(key, new Cached(check, until));
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static String key(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private record Cached(TokenCheck check, Instant until) {
    }
}
