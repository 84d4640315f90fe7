package io.glance.adapters.keystone;

import io.glance.domain.ServiceUnavailableException;
import io.glance.ports.out.TokenValidator;

import java.time.Clock;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * keystonemiddleware's token check: {@code GET /v3/auth/tokens} with the caller's token in {@code X-Subject-Token}
 * and glance's own in {@code X-Auth-Token}. 200 is a token Keystone vouches for; 404 one it does not (malformed,
 * expired, revoked, of a disabled user or project). A 401 means glance's own token went stale: renewed, and asked
 * once more. Anything else means Keystone cannot judge now, which is the caller's 503, not its 401.
 */
public final class KeystoneTokenValidator implements TokenValidator {
    private final KeystoneHttp keystone;
    private final ServiceToken serviceToken;

    KeystoneTokenValidator(KeystoneHttp keystone, ServiceToken serviceToken) {
        this.keystone = requireNonNull(keystone, "keystone is null");
        this.serviceToken = requireNonNull(serviceToken, "serviceToken is null");
    }

    /** A validator, and glance's own token, talking to the Keystone the settings name. */
    public static KeystoneTokenValidator of(KeystoneSettings settings) {
        KeystoneHttp keystone = new KeystoneHttp(settings.authUrl(), settings.httpConnectTimeout());
        return new KeystoneTokenValidator(keystone, new ServiceToken(settings, keystone, Clock.systemUTC()));
    }

    /** glance's own token, for glance-registry's calls. */
    public ServiceToken serviceToken() {
        return serviceToken;
    }

    @Override
    public TokenCheck validate(String token) {
        requireNonNull(token, "token is null");
        for (int attempt = 1; ; attempt++) {
            String own = serviceToken.get();
            KeystoneHttp.Answer answer = keystone.send("GET", "/auth/tokens", null,
                    Map.of("X-Auth-Token", own, "X-Subject-Token", token));
            switch (answer.status()) {
                case 200 -> {
                    try {
                        return new Valid(TokenDocuments.read(answer.body()));
                    } catch (IllegalArgumentException e) {
                        throw keystone.unavailable("GET /auth/tokens answered a token document glance cannot read: "
                                + e.getMessage(), e);
                    }
                }
                case 404 -> {
                    return new Invalid("Keystone does not vouch for it (unknown, malformed, expired or revoked): "
                            + KeystoneHttp.errorMessage(answer));
                }
                case 401 -> {
                    serviceToken.discard(own);
                    if (attempt >= 2) {
                        throw new ServiceUnavailableException("Keystone at " + keystone
                                + " refuses glance's own token twice in a row: " + KeystoneHttp.errorMessage(answer));
                    }
                }
                case 403 -> throw new ServiceUnavailableException("Keystone does not let glance's service user"
                        + " validate tokens (" + KeystoneHttp.errorMessage(answer) + "); give it the service or"
                        + " admin role");
                default -> throw keystone.unavailable("GET /auth/tokens failed with "
                        + KeystoneHttp.errorMessage(answer), null);
            }
        }
    }
}
