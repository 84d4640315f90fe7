package io.glance.http;

import io.glance.application.TokenAuthenticator;
import io.glance.domain.ServiceUnavailableException;
import io.glance.domain.ValidatedToken;
import io.glance.http.common.CallerAuthentication;
import io.glance.ports.out.TokenValidator;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code auth_strategy: keystone} at the HTTP edge, over the real authenticator and a scripted Keystone: which paths
 * need a token, what a refused one gets, and that forged identity headers change nothing.
 */
@RoutingTest
class KeystoneAuthenticationTest {
    private static final URI KEYSTONE = URI.create("http://keystone.example:5000");
    private static final TestApi API = TestApi.singleStore();
    private static final ScriptedKeystone TOKENS = new ScriptedKeystone();
    /** Every header a forger would send to pass as an admin of project "ops". */
    private static final String[] FORGED = forged();

    private final Http http;

    KeystoneAuthenticationTest(DirectClient client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        TOKENS.put("tok-alice", "alice", "alpha", "member");
        TOKENS.put("tok-root", "root", "ops", "admin");
        TokenAuthenticator authenticator = new TokenAuthenticator(TOKENS,
                credentials -> credentials.roles().contains("admin"),
                Duration.ofSeconds(300), 1000, Clock.systemUTC());
        API.register(routing, CallerAuthentication.keystone(authenticator, KEYSTONE));
    }

    @Test
    void versionsRootAndHealthcheckNeedNoToken() {
        assertThat(http.get("/versions").status()).isEqualTo(200);
        assertThat(http.get("/").status()).isEqualTo(300);
        assertThat(http.get("/healthcheck").status()).isEqualTo(200);
    }

    @Test
    void everyApiPathWithoutAValidTokenIs401NamingKeystone() {
        for (String path : List.of("/v2/images", "/v2/images/00000000-0000-0000-0000-000000000000",
                "/v2/schemas/image", "/v2/info/stores", "/v1/images", "/v1/images/detail", "/v2/nowhere")) {
            for (String[] headers : List.of(new String[0], new String[] {"X-Auth-Token", "garbage"},
                    new String[] {"X-Auth-Token", "a b"}, FORGED)) {
                Http.Reply reply = http.get(path, headers);
                assertThat(reply.status()).as(path + " " + List.of(headers)).isEqualTo(401);
                assertThat(reply.header("WWW-Authenticate")).as(path)
                        .contains("Keystone uri=\"http://keystone.example:5000\"");
                assertThat(reply.header("x-openstack-request-id")).isPresent();
            }
        }
    }

    @Test
    void forgedIdentityHeadersBesideAValidTokenChangeNothing() {
        String[] withToken = concat(FORGED, "X-Auth-Token", "tok-alice");
        Http.Reply created = http.post("/v2/images", "{\"name\":\"mine\"}", withToken);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("owner").textValue()).isEqualTo("alpha");
        // An admin could publicize or give the image away; alice, whatever her headers say, cannot.
        assertThat(http.post("/v2/images", "{\"name\":\"p\",\"visibility\":\"public\"}", withToken).status())
                .isEqualTo(403);
        assertThat(http.post("/v2/images", "{\"name\":\"p\",\"owner\":\"ops\"}", withToken).status())
                .isEqualTo(403);
    }

    @Test
    void theImageOfAnotherProjectIs404ToAForgerAndVisibleToTheRealAdmin() {
        String privateId = createdBy("tok-root", "{\"name\":\"ops\",\"visibility\":\"private\",\"owner\":\"ops\"}");
        assertThat(http.get("/v2/images/" + privateId, concat(FORGED, "X-Auth-Token", "tok-alice")).status())
                .isEqualTo(404);
        assertThat(http.get("/v2/images/" + privateId, "X-Auth-Token", "tok-root").status()).isEqualTo(200);
    }

    @Test
    void theStorageTokenHeaderIsAcceptedAsKeystonemiddlewareDoes() {
        assertThat(http.get("/v2/images", "X-Storage-Token", "tok-alice").status()).isEqualTo(200);
    }

    @Test
    void keystoneAwayIs503NamingKeystoneNot401() {
        TOKENS.away = true;
        try {
            Http.Reply reply = http.get("/v2/images", "X-Auth-Token", "tok-never-seen");
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.body()).contains("Keystone");
        } finally {
            TOKENS.away = false;
        }
        assertThat(http.get("/v2/images", "X-Auth-Token", "tok-alice").status()).isEqualTo(200);
    }

    private String createdBy(String token, String json) {
        Http.Reply reply = http.post("/v2/images", json, "X-Auth-Token", token);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.id();
    }

    private static String[] forged() {
        List<String> headers = new ArrayList<>();
        for (String name : CallerAuthentication.SPOOFABLE_HEADERS) {
            headers.add(name);
            headers.add(switch (name) {
                case "X-Identity-Status", "X-Service-Identity-Status" -> "Confirmed";
                case "X-Roles", "X-Role", "X-Service-Roles" -> "admin";
                case "X-Project-Id", "X-Tenant-Id", "X-Tenant", "X-Service-Project-Id" -> "ops";
                case "X-Is-Admin-Project" -> "True";
                case "OpenStack-System-Scope" -> "all";
                case "X-Service-Catalog" -> "[]";
                default -> "forged";
            });
        }
        return headers.toArray(String[]::new);
    }

    private static String[] concat(String[] headers, String... more) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    /** Keystone as a table of tokens; {@code away} makes it unreachable. */
    private static final class ScriptedKeystone implements TokenValidator {
        private final Map<String, ValidatedToken> tokens = new ConcurrentHashMap<>();
        volatile boolean away;

        void put(String token, String user, String project, String role) {
            tokens.put(token, new ValidatedToken(user, user, "default", "Default", project, project, "default",
                    "Default", null, null, false, List.of(role), true, Instant.now().plus(Duration.ofHours(1)),
                    List.of()));
        }

        @Override
        public TokenCheck validate(String token) {
            if (away) {
                throw new ServiceUnavailableException("Keystone at http://keystone.example:5000/v3 is unavailable:"
                        + " connection refused");
            }
            ValidatedToken info = tokens.get(token);
            return info == null ? new Invalid("unknown token") : new Valid(info);
        }
    }
}
