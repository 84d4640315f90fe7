package io.glance.ports.out;

import io.glance.domain.ValidatedToken;

import java.util.Objects;

/** Asks the identity service (Keystone v3) what a token is worth. */
public interface TokenValidator {

    /**
     * @return {@link Valid} with what Keystone vouches for, or {@link Invalid} when Keystone does not know the token
     *         (malformed, expired, revoked, its user or project disabled)
     * @throws io.glance.domain.ServiceUnavailableException when Keystone cannot answer now (unreachable, timed out,
     *                                                      failing, or refusing Glance's own credentials)
     */
    TokenCheck validate(String token);

    /** The outcome of one validation. */
    sealed interface TokenCheck permits Valid, Invalid {
    }

    /** Keystone vouches for the token. */
    record Valid(ValidatedToken token) implements TokenCheck {
        public Valid {
            Objects.requireNonNull(token, "token is null");
        }
    }

    /** Keystone does not: {@code reason} says why, for the log and the 401's message. */
    record Invalid(String reason) implements TokenCheck {
        public Invalid {
            Objects.requireNonNull(reason, "reason is null");
        }
    }
}
