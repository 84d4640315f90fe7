package io.glance.domain;

import java.util.List;
import java.util.Objects;

/**
 * How a caller proved who it is: the token it sent and what Keystone said about it, and the service token that came
 * with it, if any (a service acting for the user, e.g. Nova).
 *
 * @param authToken    the caller's own token, to call other services on its behalf
 * @param user         what Keystone vouches for about {@code authToken}
 * @param service      what Keystone vouches for about the {@code X-Service-Token}, or {@code null}
 */
public record Authentication(String authToken, ValidatedToken user, ValidatedToken service) {

    public Authentication {
        Objects.requireNonNull(authToken, "authToken is null");
        Objects.requireNonNull(user, "user is null");
    }

    /** The caller's service catalog. */
    public List<CatalogEntry> catalog() {
        return user.catalog();
    }

    @Override
    public String toString() {
        // Never the tokens: a context ends up in log lines.
        return "Authentication[user=" + user.userId() + ", project=" + user.projectId()
                + (service == null ? "" : ", service user=" + service.userId()) + "]";
    }
}
