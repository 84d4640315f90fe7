package io.glance.server;

import io.glance.adapters.keystone.KeystoneSettings;
import io.glance.adapters.keystone.KeystoneTokenValidator;
import io.glance.application.TokenAuthenticator;
import io.glance.http.common.CallerAuthentication;
import io.glance.ports.out.ContextIsAdmin;
import io.glance.server.config.AuthSettings;

import java.time.Clock;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@code auth_strategy} wired: no authentication, or Keystone token validation (the Keystone adapter behind the
 * application's cached authenticator). Shared by glance-api and glance-registry.
 */
final class AuthSetup {
    private static final Logger LOG = Logger.getLogger(AuthSetup.class.getName());

    private final CallerAuthentication authentication;
    private final Supplier<String> serviceToken;
    private final String description;

    private AuthSetup(CallerAuthentication authentication, Supplier<String> serviceToken, String description) {
        this.authentication = authentication;
        this.serviceToken = serviceToken;
        this.description = description;
    }

    /** @param contextIsAdmin the policy's {@code context_is_admin} rule */
    static AuthSetup of(AuthSettings options, String service, ContextIsAdmin contextIsAdmin) {
        KeystoneSettings keystone = options.keystone();
        if (keystone == null) {
            LOG.warning("auth_strategy is noauth: every caller of " + service + " is an admin without a project,"
                    + " and can read, change and delete every image; set auth_strategy: keystone for a cloud");
            return new AuthSetup(CallerAuthentication.noAuth(), null, "noauth (every caller is admin)");
        }
        KeystoneTokenValidator validator = KeystoneTokenValidator.of(keystone);
        TokenAuthenticator authenticator = new TokenAuthenticator(validator, contextIsAdmin,
                keystone.tokenCacheTime(), TokenAuthenticator.DEFAULT_CACHE_ENTRIES, Clock.systemUTC());
        return new AuthSetup(CallerAuthentication.keystone(authenticator, keystone.wwwAuthenticateUri()),
                validator.serviceToken(), "keystone at " + keystone.authUrl() + " as user '" + keystone.username()
                + "', tokens cached " + keystone.tokenCacheTime().toMillis() / 1000.0 + " s");
    }

    CallerAuthentication authentication() {
        return authentication;
    }

    /** glance-api's own token for glance-registry's calls, or {@code null} without Keystone. */
    Supplier<String> serviceToken() {
        return serviceToken;
    }

    String describe() {
        return description;
    }
}
