package io.glance.adapters.keystone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.ServiceUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * glance's own token, from its service user's password ({@code [keystone_authtoken]}): what it shows Keystone to
 * validate callers' tokens, and glance-registry to be let in. Fetched on first use, renewed a minute before it
 * expires or when Keystone no longer takes it, so a Keystone that was away is used again as soon as it is back.
 */
public final class ServiceToken implements Supplier<String> {
    /**
     * Renewed this long before expiry (or a quarter of its lifetime before, for short-lived tokens), so a request
     * never carries a token that expires on the way.
     */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    private final String credentials;
    private final Supplier<JsonNode> passwordRequest;
    private final KeystoneHttp keystone;
    private final Clock clock;
    private String token;
    private Instant renewAt;

    ServiceToken(KeystoneSettings settings, KeystoneHttp keystone, Clock clock) {
        this("glance's service credentials (user '" + settings.username() + "', project '" + settings.projectName()
                + "'); check [" + KeystoneSettings.SECTION.name() + "]", () -> passwordRequest(settings), keystone,
                clock);
    }

    /**
     * @param credentials     whose credentials these are and where they are configured, for error messages
     * @param passwordRequest the body of {@code POST /v3/auth/tokens}
     */
    ServiceToken(String credentials, Supplier<JsonNode> passwordRequest, KeystoneHttp keystone, Clock clock) {
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.passwordRequest = requireNonNull(passwordRequest, "passwordRequest is null");
        this.keystone = requireNonNull(keystone, "keystone is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The service user's token for glance-registry's calls, with its own connection to Keystone. */
    public static ServiceToken of(KeystoneSettings settings) {
        return new ServiceToken(settings, new KeystoneHttp(settings.authUrl(), settings.httpConnectTimeout()),
                Clock.systemUTC());
    }

    /**
     * A token that is not about to expire.
     *
     * @throws ServiceUnavailableException when Keystone cannot be reached or refuses the service credentials
     */
    @Override
    public synchronized String get() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            issue();
        }
        return token;
    }

    /** Forgets {@code stale} (Keystone answered 401 to it), so the next {@link #get} fetches a new one. */
    synchronized void discard(String stale) {
        if (stale != null && stale.equals(token)) {
            token = null;
            renewAt = null;
        }
    }

    private void issue() {
        KeystoneHttp.Answer answer = keystone.send("POST", "/auth/tokens", passwordRequest.get(), Map.of());
        if (answer.status() == 401 || answer.status() == 403 || answer.status() == 404) {
            throw new ServiceUnavailableException("Keystone at " + keystone + " refuses " + credentials + ": "
                    + KeystoneHttp.errorMessage(answer));
        }
        if (answer.status() != 201 && answer.status() != 200) {
            throw keystone.unavailable("POST /auth/tokens for glance's service user failed with "
                    + KeystoneHttp.errorMessage(answer), null);
        }
        String issued = answer.header("X-Subject-Token");
        JsonNode expires = answer.body() == null ? null : answer.body().path("token").get("expires_at");
        if (issued == null || expires == null) {
            throw keystone.unavailable("POST /auth/tokens answered without X-Subject-Token or expires_at", null);
        }
        Instant expiresAt;
        try {
            expiresAt = TokenDocuments.instant(expires.asText());
        } catch (DateTimeParseException e) {
            throw keystone.unavailable("POST /auth/tokens answered expires_at '" + expires.asText() + "'", e);
        }
        Instant now = clock.instant();
        Duration lifetime = Duration.between(now, expiresAt);
        Duration margin = lifetime.dividedBy(4).compareTo(RENEW_BEFORE) < 0 ? lifetime.dividedBy(4) : RENEW_BEFORE;
        renewAt = expiresAt.minus(margin);
        token = issued;
    }

    private static JsonNode passwordRequest(KeystoneSettings settings) {
        ObjectNode auth = KeystoneHttp.JSON.createObjectNode();
        ObjectNode identity = auth.putObject("auth").putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", settings.username());
        user.put("password", settings.password());
        ObjectNode userDomain = user.putObject("domain");
        settings.userDomain().forEach(userDomain::put);
        ObjectNode project = ((ObjectNode) auth.get("auth")).putObject("scope").putObject("project");
        project.put("name", settings.projectName());
        ObjectNode projectDomain = project.putObject("domain");
        settings.projectDomain().forEach(projectDomain::put);
        return auth;
    }
}
