package io.glance.domain;

/**
 * The caller did not prove who it is: no token, or a token Keystone does not vouch for (missing, malformed,
 * expired, revoked, of a disabled user). HTTP 401, with {@code WWW-Authenticate} naming Keystone.
 */
public final class UnauthenticatedException extends GlanceException {

    public UnauthenticatedException(String message) {
        super(message);
    }
}
