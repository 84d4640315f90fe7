package io.glance.http.common;

import io.glance.domain.ForbiddenException;
import io.glance.domain.RequestContext;
import io.glance.domain.UnauthenticatedException;
import io.glance.http.errors.HttpStatusException;
import io.glance.ports.in.Authenticate;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Glance's {@code auth_strategy}: who the caller of a request is. {@link #noAuth()} is Glance's unauthenticated
 * context (every caller an admin without a project); {@link #keystone} takes the caller from the token alone:
 * the identity headers a client may send ({@code X-Roles}, {@code X-Project-Id}, {@code X-Identity-Status}, ...)
 * are never read, so forging them does nothing. A refused token is a 401 that names Keystone in
 * {@code WWW-Authenticate}, as keystonemiddleware answers.
 */
public final class CallerAuthentication {
    private static final Logger LOG = Logger.getLogger(CallerAuthentication.class.getName());
    static final HeaderName AUTH_TOKEN = HeaderNames.create("X-Auth-Token");
    /** keystonemiddleware's fallback for {@code X-Auth-Token} (Swift's clients send it). */
    static final HeaderName STORAGE_TOKEN = HeaderNames.create("X-Storage-Token");
    static final HeaderName SERVICE_TOKEN = HeaderNames.create("X-Service-Token");

    /**
     * What keystonemiddleware strips before anything else because a client could forge it. Nothing here reads
     * them; the list documents what a forged request may carry and is what the tests send.
     */
    public static final Set<String> SPOOFABLE_HEADERS = Set.of("X-Identity-Status", "X-Service-Identity-Status",
            "X-Domain-Id", "X-Domain-Name", "X-Project-Id", "X-Project-Name", "X-Project-Domain-Id",
            "X-Project-Domain-Name", "X-User-Id", "X-User-Name", "X-User-Domain-Id", "X-User-Domain-Name",
            "X-Roles", "X-Service-Catalog", "X-Is-Admin-Project", "OpenStack-System-Scope", "X-Service-Domain-Id",
            "X-Service-Domain-Name", "X-Service-Project-Id", "X-Service-Project-Name",
            "X-Service-Project-Domain-Id", "X-Service-Project-Domain-Name", "X-Service-User-Id",
            "X-Service-User-Name", "X-Service-User-Domain-Id", "X-Service-User-Domain-Name", "X-Service-Roles",
            "X-Tenant-Id", "X-Tenant-Name", "X-Tenant", "X-User", "X-Role");

    private final Authenticate authenticate;
    private final URI wwwAuthenticateUri;
    private final Set<String> requiredRoles;

    private CallerAuthentication(Authenticate authenticate, URI wwwAuthenticateUri, Set<String> requiredRoles) {
        this.authenticate = authenticate;
        this.wwwAuthenticateUri = wwwAuthenticateUri;
        this.requiredRoles = Set.copyOf(requiredRoles);
    }

    /** {@code auth_strategy: noauth}: every caller is Glance's unauthenticated admin. */
    public static CallerAuthentication noAuth() {
        return new CallerAuthentication(null, null, Set.of());
    }

    /**
     * {@code auth_strategy: keystone}: the caller is whoever holds the token.
     *
     * @param wwwAuthenticateUri the public Keystone URL that 401 answers point clients to
     */
    public static CallerAuthentication keystone(Authenticate authenticate, URI wwwAuthenticateUri) {
        return new CallerAuthentication(requireNonNull(authenticate, "authenticate is null"),
                requireNonNull(wwwAuthenticateUri, "wwwAuthenticateUri is null"), Set.of());
    }

    /**
     * Like {@link #keystone}, but only a token with one of {@code roles} is let in: glance-registry trusts the
     * caller document glance-api sends, so only a service may call it.
     */
    public CallerAuthentication requiringAnyRole(Set<String> roles) {
        if (authenticate == null) {
            return this;
        }
        return new CallerAuthentication(authenticate, wwwAuthenticateUri, roles);
    }

    /** Whether callers are authenticated with Keystone (as opposed to Glance's no-auth admin). */
    public boolean enabled() {
        return authenticate != null;
    }

    /** The caller of {@code req}: a 401 (or 403 for a missing role) when it cannot be established. */
    public RequestContext authenticate(ServerRequest req, String requestId) {
        if (authenticate == null) {
            return RequestContext.noAuth(requestId);
        }
        String userToken = token(req, AUTH_TOKEN).or(() -> token(req, STORAGE_TOKEN)).orElse(null);
        String serviceToken = token(req, SERVICE_TOKEN).orElse(null);
        RequestContext context;
        try {
            context = authenticate.authenticate(requestId, userToken, serviceToken);
        } catch (UnauthenticatedException e) {
            throw new HttpStatusException(401, e.getMessage(), Map.of("WWW-Authenticate",
                    "Keystone uri=\"" + wwwAuthenticateUri + "\""));
        }
        if (!requiredRoles.isEmpty() && requiredRoles.stream().noneMatch(context.roles()::contains)) {
            LOG.fine(() -> requestId + ": user " + context.userId().orElse("?") + " lacks " + requiredRoles);
            throw new ForbiddenException("Only a service may call this API: the token of user "
                    + context.userId().orElse("?") + " has none of the roles " + requiredRoles);
        }
        return context;
    }

    private static Optional<String> token(ServerRequest req, HeaderName name) {
        return req.headers().first(name).map(String::strip).filter(value -> !value.isEmpty());
    }
}
