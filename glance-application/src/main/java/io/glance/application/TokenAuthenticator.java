package io.glance.application;

import io.glance.domain.Authentication;
import io.glance.domain.ForbiddenException;
import io.glance.domain.RequestContext;
import io.glance.domain.UnauthenticatedException;
import io.glance.domain.ValidatedToken;
import io.glance.ports.in.Authenticate;
import io.glance.ports.out.ContextIsAdmin;
import io.glance.ports.out.PolicyCredentials;
import io.glance.ports.out.TokenValidator;
import io.glance.ports.out.TokenValidator.Invalid;
import io.glance.ports.out.TokenValidator.TokenCheck;
import io.glance.ports.out.TokenValidator.Valid;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * {@code auth_strategy: keystone}: the caller is whoever Keystone says holds the token, nothing a client can write
 * into a header. Validations are cached ({@link TokenCache}); a cached token past its expiry is refused all the same.
 * Admin rights come from the policy's {@code context_is_admin} rule ({@link ContextIsAdmin}), decided once per request.
 */
public final class TokenAuthenticator implements Authenticate {
    private static final Logger LOG = Logger.getLogger(TokenAuthenticator.class.getName());
    /** Fernet tokens are about 200 characters, JWS ones about 800; anything this long is not a token. */
    static final int MAX_TOKEN_LENGTH = 8192;
    /** keystonemiddleware keeps every token in memory; a bound keeps a token flood from exhausting the heap. */
    public static final int DEFAULT_CACHE_ENTRIES = 10_000;

    private final TokenValidator validator;
    private final ContextIsAdmin contextIsAdmin;
    private final TokenCache cache;
    private final Clock clock;

    /**
     * @param cacheTime    {@code token_cache_time}: how long a validation (or refusal) is trusted; zero disables it
     * @param cacheEntries the most tokens remembered at once
     */
    public TokenAuthenticator(TokenValidator validator, ContextIsAdmin contextIsAdmin, Duration cacheTime,
                              int cacheEntries,
                              Clock clock) {
        this.validator = requireNonNull(validator, "validator is null");
        this.contextIsAdmin = requireNonNull(contextIsAdmin, "contextIsAdmin is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.cache = new TokenCache(cacheTime, cacheEntries, clock);
    }

    @Override
    public RequestContext authenticate(String requestId, String userToken, String serviceToken) {
        requireNonNull(requestId, "requestId is null");
        String token = stripped(userToken);
        if (token == null) {
            throw new UnauthenticatedException("The request you have made requires authentication: it carries no"
                    + " X-Auth-Token");
        }
        ValidatedToken user = check(token, "X-Auth-Token");
        String service = stripped(serviceToken);
        ValidatedToken serviceUser = service == null ? null : check(service, "X-Service-Token");
        RequestContext candidate = new RequestContext(requestId, user.projectId(), user.lowerCaseRoles(), false,
                new Authentication(token, user, serviceUser));
        boolean admin = contextIsAdmin.isAdmin(credentials(candidate.roles(), user));
        if (user.projectId() == null && !admin) {
            // Images belong to projects: an unscoped caller would create images owned by nobody, visible to all.
            throw new ForbiddenException("The token of user " + user.userId() + " is not scoped to a project;"
                    + " Glance needs a project-scoped token");
        }
        return candidate.withAdmin(admin);
    }

    /** oslo.context's policy values of a token, for {@code context_is_admin} (which may use any of them). */
    static PolicyCredentials credentials(java.util.Set<String> roles, ValidatedToken token) {
        java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>();
        attributes.put("user_id", token.userId());
        putIfKnown(attributes, "user_domain_id", token.userDomainId());
        putIfKnown(attributes, "project_domain_id", token.projectDomainId());
        putIfKnown(attributes, "domain_id", token.domainId());
        attributes.put("system_scope", token.systemScope() ? "all" : "None");
        attributes.put("is_admin_project", token.isAdminProject() ? "True" : "False");
        return new PolicyCredentials(roles, token.projectId(), false, attributes);
    }

    private static void putIfKnown(java.util.Map<String, String> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }

    private ValidatedToken check(String token, String header) {
        if (!wellFormed(token)) {
            throw new UnauthenticatedException("The " + header + " is malformed (" + token.length()
                    + " characters; a token is printable ASCII of at most " + MAX_TOKEN_LENGTH + ")");
        }
        TokenCheck check = cache.get(token).orElse(null);
        if (check == null) {
            check = validator.validate(token);
            cache.put(token, check);
        }
        return switch (check) {
            case Valid valid -> {
                if (!valid.token().isValidAt(clock.instant())) {
                    throw refused(header, "it expired at " + valid.token().expiresAt());
                }
                yield valid.token();
            }
            case Invalid invalid -> throw refused(header, invalid.reason());
        };
    }

    private static UnauthenticatedException refused(String header, String reason) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine(header + " refused: " + reason);
        }
        return new UnauthenticatedException("The " + header + " is not valid: " + reason);
    }

    private static boolean wellFormed(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String stripped(String token) {
        if (token == null) {
            return null;
        }
        String value = token.strip();
        return value.isEmpty() ? null : value;
    }
}
