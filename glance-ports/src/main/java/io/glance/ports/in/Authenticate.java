package io.glance.ports.in;

import io.glance.domain.RequestContext;

/**
 * Turns the tokens a request carries into the caller's {@link RequestContext} (keystonemiddleware's auth_token and
 * Glance's context filter in one). The identity headers a client could forge ({@code X-Roles}, ...) are not an input:
 * only what Keystone vouches for about the token counts.
 */
public interface Authenticate {

    /**
     * @param requestId    the request's {@code req-<uuid>}
     * @param userToken    {@code X-Auth-Token}, or {@code null} when the request has none
     * @param serviceToken {@code X-Service-Token}, or {@code null}
     * @throws io.glance.domain.UnauthenticatedException   no token, or one Keystone does not vouch for
     * @throws io.glance.domain.ForbiddenException         a valid token that Glance cannot act on (not scoped to a
     *                                                     project, for a non-admin)
     * @throws io.glance.domain.ServiceUnavailableException Keystone cannot be asked now
     */
    RequestContext authenticate(String requestId, String userToken, String serviceToken);
}
