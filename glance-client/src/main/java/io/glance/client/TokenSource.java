package io.glance.client;

import java.util.Optional;

/** Where a client's {@code X-Auth-Token} comes from, and whether a rejected one can be replaced. */
interface TokenSource {
    /** The token to send now; empty for glance-api's no-auth pipeline. */
    Optional<String> current();

    /**
     * A different token after glance-api answered 401 to {@code rejected}, or empty when there is none to try (a
     * fixed token, or a login that cannot be repeated). Concurrent callers rejected with the same token share one
     * new login.
     */
    Optional<String> renew(String rejected);

    static TokenSource none() {
        return fixed(Optional.empty());
    }

    static TokenSource fixed(Optional<String> token) {
        return new TokenSource() {
            @Override
            public Optional<String> current() {
                return token;
            }

            @Override
            public Optional<String> renew(String rejected) {
                return Optional.empty();
            }
        };
    }
}
