package io.glance.adapters.keystone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.glance.config.OptionValues;
import io.glance.domain.ServiceUnavailableException;
import io.glance.domain.ValidatedToken;
import io.glance.ports.out.TokenValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Keystone adapter against a scripted loopback Keystone (the JDK's HttpServer): the wire protocol and the
 * mapping of each answer. The real Keystone is driven by the end-to-end tests in glance-server.
 */
class KeystoneTokenValidatorTest {
    private static final String EXPIRES = "2099-01-01T00:00:00.000000Z";
    private static final String TOKEN_BODY = """
            {"token": {"methods": ["password"], "user": {"domain": {"id": "default", "name": "Default"},
              "id": "u-alice", "name": "alice", "password_expires_at": null},
              "audit_ids": ["x"], "expires_at": "%s", "issued_at": "2026-01-01T00:00:00.000000Z",
              "project": {"domain": {"id": "default", "name": "Default"}, "id": "p-alpha", "name": "alpha"},
              "is_domain": false, "roles": [{"id": "r1", "name": "member"}, {"id": "r2", "name": "Reader"}],
              "catalog": [{"endpoints": [{"id": "e1", "interface": "public", "region_id": "RegionOne",
                "url": "http://swift.example/v1/AUTH_p-alpha", "region": "RegionOne"}],
                "id": "s1", "type": "object-store", "name": "swift"}]}}
            """;

    private HttpServer keystone;
    private final List<String> subjects = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    /** The service token Keystone currently accepts; {@code null} accepts any. */
    private volatile String acceptedServiceToken;

    @BeforeEach
    void startKeystone() throws IOException {
        keystone = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keystone.createContext("/v3/auth/tokens", this::handle);
        keystone.start();
    }

    @AfterEach
    void stopKeystone() {
        keystone.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("POST")) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!body.contains("\"name\":\"glance\"") || !body.contains("\"password\":\"secret\"")) {
                send(exchange, 401, "{\"error\": {\"code\": 401, \"message\": \"The request you have made requires"
                        + " authentication.\"}}", Map.of());
                return;
            }
            String token = "svc-" + issued.incrementAndGet();
            send(exchange, 201, "{\"token\": {\"expires_at\": \"" + EXPIRES + "\"}}",
                    Map.of("X-Subject-Token", token));
            return;
        }
        String own = exchange.getRequestHeaders().getFirst("X-Auth-Token");
        if (own == null || (acceptedServiceToken != null && !acceptedServiceToken.equals(own))) {
            send(exchange, 401, "{\"error\": {\"code\": 401, \"message\": \"stale\"}}", Map.of());
            return;
        }
        String subject = exchange.getRequestHeaders().getFirst("X-Subject-Token");
        subjects.add(subject);
        switch (subject) {
            case "tok-alice" -> send(exchange, 200, TOKEN_BODY.formatted(EXPIRES), Map.of());
            case "tok-broken" -> send(exchange, 500, "oops", Map.of());
            default -> send(exchange, 404, "{\"error\": {\"code\": 404, \"message\": \"Could not recognize Fernet"
                    + " token\"}}", Map.of());
        }
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private KeystoneTokenValidator validator(String user, String password, URI base) {
        KeystoneSettings settings = KeystoneSettings.from(values("auth_url", base.toString(), "username", user,
                "password", password, "project_name", "service", "http_connect_timeout", "20"));
        KeystoneHttp http = new KeystoneHttp(settings.authUrl(), settings.httpConnectTimeout());
        return new KeystoneTokenValidator(http, new ServiceToken(settings, http, Clock.systemUTC()));
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + keystone.getAddress().getPort());
    }

    @Test
    void aValidTokenIsReadWhole() {
        TokenValidator.TokenCheck check = validator("glance", "secret", base()).validate("tok-alice");
        assertThat(check).isInstanceOf(TokenValidator.Valid.class);
        ValidatedToken token = ((TokenValidator.Valid) check).token();
        assertThat(token.userId()).isEqualTo("u-alice");
        assertThat(token.userName()).isEqualTo("alice");
        assertThat(token.projectId()).isEqualTo("p-alpha");
        assertThat(token.projectDomainName()).isEqualTo("Default");
        assertThat(token.roles()).containsExactly("member", "Reader");
        assertThat(token.lowerCaseRoles()).containsExactlyInAnyOrder("member", "reader");
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
        assertThat(token.isAdminProject()).isTrue();
        assertThat(token.catalog()).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo("object-store");
            assertThat(entry.endpoints()).singleElement().satisfies(endpoint -> {
                assertThat(endpoint.iface()).isEqualTo("public");
                assertThat(endpoint.region()).isEqualTo("RegionOne");
            });
        });
    }

    @Test
    void anUnknownTokenIsInvalidAndTheServiceTokenIsReused() {
        KeystoneTokenValidator validator = validator("glance", "secret", base());
        assertThat(validator.validate("garbage")).isInstanceOf(TokenValidator.Invalid.class);
        assertThat(validator.validate("tok-alice")).isInstanceOf(TokenValidator.Valid.class);
        assertThat(issued).hasValue(1);
        assertThat(subjects).containsExactly("garbage", "tok-alice");
    }

    @Test
    void aStaleServiceTokenIsRenewedOnceAndTheValidationRepeated() {
        KeystoneTokenValidator validator = validator("glance", "secret", base());
        validator.validate("tok-alice");
        acceptedServiceToken = "svc-2"; // Keystone forgot svc-1 (e.g. its keys rotated)
        assertThat(validator.validate("tok-alice")).isInstanceOf(TokenValidator.Valid.class);
        assertThat(issued).hasValue(2);
    }

    @Test
    void refusedServiceCredentialsAre503NamingTheUserNeverThePassword() {
        assertThatThrownBy(() -> validator("glance", "wrong-password", base()).validate("tok-alice"))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("refuses glance's service credentials (user 'glance'")
                .hasMessageNotContaining("wrong-password");
    }

    @Test
    void keystoneFailingOrAwayIs503NamingKeystone() throws IOException {
        assertThatThrownBy(() -> validator("glance", "secret", base()).validate("tok-broken"))
                .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("Keystone at " + base())
                .hasMessageContaining("HTTP 500");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> validator("glance", "secret", URI.create("http://127.0.0.1:" + closedPort))
                .validate("tok-alice"))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("Keystone at http://127.0.0.1:" + closedPort + "/v3 is unavailable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void settingsNameWhatIsWrong() {
        assertThatThrownBy(() -> KeystoneSettings.from(values("auth_url", "http://k", "username", "u")))
                .hasMessageContaining("keystone_authtoken.password is required");
        assertThatThrownBy(() -> KeystoneSettings.from(values("auth_url", "ftp://k", "username", "u",
                "password", "p", "project_name", "s"))).hasMessageContaining("'ftp://k' (an http(s) URL)");
        assertThatThrownBy(() -> KeystoneSettings.from(values("auth_url", "http://k", "username", "u",
                "password", "p", "project_name", "s", "auth_type", "v3token")))
                .hasMessageContaining("keystone_authtoken.auth_type: 'v3token' (password)");
        KeystoneSettings settings = KeystoneSettings.from(values("auth_url", "http://k:5000/v3/", "username", "u",
                "password", "p", "project_name", "s", "user_domain_name", "Users"));
        assertThat(settings.authUrl()).hasToString("http://k:5000/v3");
        assertThat(settings.wwwAuthenticateUri()).hasToString("http://k:5000/v3");
        assertThat(settings.tokenCacheTime()).isEqualTo(Duration.ofSeconds(300));
        assertThat(settings.userDomain()).isEqualTo(Map.of("name", "Users"));
        assertThat(settings.projectDomain()).isEqualTo(Map.of("id", "default"));
    }

    /** Options of the keystone_authtoken section, as glance-api's option loading hands them over. */
    private static OptionValues values(String... keysAndValues) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            options.put(KeystoneSettings.SECTION.name() + "." + keysAndValues[i], keysAndValues[i + 1]);
        }
        return OptionValues.of(options).section(KeystoneSettings.SECTION);
    }
}
