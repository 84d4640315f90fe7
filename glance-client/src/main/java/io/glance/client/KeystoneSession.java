package io.glance.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A Keystone v3 session: logs in with a password ({@code POST /v3/auth/tokens}) or checks a given token
 * ({@code GET /v3/auth/tokens}, rescoped with a {@code POST} when a project is named), keeps the token and its
 * catalog, and logs in again when the token is about to expire or glance-api rejected it (password only, as
 * keystoneauth does). Thread-safe.
 */
final class KeystoneSession implements TokenSource {
    /** keystoneauth renews a token this long before it expires, so a request does not carry one that dies on the way. */
    static final Duration STALE_BEFORE_EXPIRY = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    /** A token from Keystone, when it expires (if Keystone said), and its catalog. */
    record Token(String id, Optional<Instant> expiresAt, ServiceCatalog catalog) {
    }

    private final HttpClient http;
    private final ConnectionSettings settings;
    private final URI identity;
    private final Clock clock;
    private Token token;

    private KeystoneSession(HttpClient http, ConnectionSettings settings, URI identity, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.identity = identity;
        this.clock = clock;
    }

    /** Finds Keystone's v3 API under the settings' auth URL and logs in (or checks the token) once. */
    static KeystoneSession open(HttpClient http, ConnectionSettings settings, Clock clock) {
        requireNonNull(http, "http is null");
        requireNonNull(clock, "clock is null");
        URI authUrl = settings.authUrl().orElseThrow(() -> new IllegalArgumentException("no OS_AUTH_URL"));
        KeystoneSession session = new KeystoneSession(http, settings, KeystoneVersions.v3(http, authUrl), clock);
        synchronized (session) {
            session.token = session.obtain();
        }
        return session;
    }

    /** The catalog of the current token. */
    synchronized ServiceCatalog catalog() {
        return token.catalog();
    }

    /** The Keystone v3 URL the session talks to. */
    URI identity() {
        return identity;
    }

    @Override
    public synchronized Optional<String> current() {
        if (canLogIn() && token.expiresAt().map(at -> !clock.instant().plus(STALE_BEFORE_EXPIRY).isBefore(at))
                .orElse(false)) {
            token = obtain();
        }
        return Optional.of(token.id());
    }

    @Override
    public synchronized Optional<String> renew(String rejected) {
        if (!canLogIn()) {
            return Optional.empty();
        }
        if (token.id().equals(rejected)) {
            token = obtain();
        }
        return Optional.of(token.id());
    }

    private boolean canLogIn() {
        return settings.mode() == ConnectionSettings.Mode.PASSWORD;
    }

    private Token obtain() {
        return switch (settings.mode()) {
            case PASSWORD -> issue(passwordAuth());
            case TOKEN -> settings.projectId().isPresent() || settings.projectName().isPresent()
                    ? issue(tokenAuth()) : validate(settings.token().orElseThrow());
            default -> throw new IllegalStateException("no Keystone login in mode " + settings.mode());
        };
    }

    /** {@code POST /v3/auth/tokens}: a new token, its id in {@code X-Subject-Token}. */
    private Token issue(Map<String, Object> auth) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(Map.of("auth", auth));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the login request", e);
        }
        HttpRequest request = HttpRequest.newBuilder(tokensUri()).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(BodyPublishers.ofByteArray(body)).build();
        return read(send(request), "log in as " + who());
    }

    /** {@code GET /v3/auth/tokens} with the token as its own subject: its expiry and catalog. */
    private Token validate(String subject) {
        HttpRequest request = HttpRequest.newBuilder(tokensUri()).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").header("X-Auth-Token", subject)
                .header("X-Subject-Token", subject).GET().build();
        return read(send(request), "check the token given in OS_AUTH_TOKEN");
    }

    private Token read(HttpResponse<String> response, String action) {
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            String serverMessage = ErrorResponses.serverMessage(Transport.contentType(response), response.body());
            throw new KeystoneException(response.statusCode(), serverMessage, "Keystone at " + identity
                    + " refused to " + action + " (HTTP " + response.statusCode() + ")"
                    + (serverMessage.isEmpty() ? "" : ": " + serverMessage), null);
        }
        String id = response.headers().firstValue("X-Subject-Token").orElseThrow(() -> new KeystoneException(
                response.statusCode(), "", "Keystone at " + identity + " answered without X-Subject-Token", null));
        Map<String, Object> body;
        try {
            body = JSON.readValue(response.body(), OBJECT);
        } catch (IOException e) {
            throw new KeystoneException(response.statusCode(), "", "Keystone at " + identity
                    + " answered with a token body that is no JSON object", e);
        }
        Map<?, ?> tokenBody = body.get("token") instanceof Map<?, ?> map ? map : Map.of();
        return new Token(id, expiry(tokenBody.get("expires_at")), ServiceCatalog.fromToken(tokenBody.get("catalog")));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            try {
                return http.send(request, BodyHandlers.ofString());
            } catch (IOException firstTry) {
                // Keystone under uwsgi may close a kept-alive connection the JDK still holds; the JDK retries only
                // GETs on a fresh one. A login is safe to repeat (at worst Keystone issues two tokens).
                return http.send(request, BodyHandlers.ofString());
            }
        } catch (IOException e) {
            throw new KeystoneException(0, "", "Failed to reach Keystone at " + identity + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeystoneException(0, "", "interrupted while talking to Keystone at " + identity,
                    new InterruptedIOException(e.getMessage()));
        }
    }

    private static Optional<Instant> expiry(Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private URI tokensUri() {
        return URI.create(identity + "/auth/tokens");
    }

    private Map<String, Object> passwordAuth() {
        Map<String, Object> user = new LinkedHashMap<>();
        settings.userId().ifPresent(id -> user.put("id", id));
        settings.username().ifPresent(name -> {
            user.put("name", name);
            user.put("domain", domain(settings.userDomainId(), settings.userDomainName()));
        });
        user.put("password", settings.password().orElseThrow());
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("identity", Map.of("methods", List.of("password"), "password", Map.of("user", user)));
        scope().ifPresent(scope -> auth.put("scope", scope));
        return auth;
    }

    private Map<String, Object> tokenAuth() {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("identity", Map.of("methods", List.of("token"), "token",
                Map.of("id", settings.token().orElseThrow())));
        scope().ifPresent(scope -> auth.put("scope", scope));
        return auth;
    }

    /** A project scope (by id, or by name in its domain); none gives an unscoped token without a catalog. */
    private Optional<Map<String, Object>> scope() {
        if (settings.projectId().isPresent()) {
            return Optional.of(Map.of("project", Map.of("id", settings.projectId().get())));
        }
        return settings.projectName().map(name -> Map.of("project", Map.of("name", name,
                "domain", domain(settings.projectDomainId(), settings.projectDomainName()))));
    }

    private static Map<String, Object> domain(Optional<String> id, Optional<String> name) {
        if (id.isPresent()) {
            return Map.of("id", id.get());
        }
        return name.<Map<String, Object>>map(value -> Map.of("name", value))
                .orElse(Map.of("id", ConnectionSettings.DEFAULT_DOMAIN_ID));
    }

    private String who() {
        String user = settings.username().map(name -> "user '" + name + "' (domain "
                + settings.userDomainId().or(settings::userDomainName).orElse(ConnectionSettings.DEFAULT_DOMAIN_ID)
                + ")").orElseGet(() -> "user id " + settings.userId().orElse("?"));
        return user + settings.projectId().map(id -> " in project id " + id)
                .or(() -> settings.projectName().map(name -> " in project '" + name + "'")).orElse("");
    }
}
