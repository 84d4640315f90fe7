package io.glance.application;

import io.glance.domain.ForbiddenException;
import io.glance.domain.RequestContext;
import io.glance.domain.ServiceUnavailableException;
import io.glance.domain.UnauthenticatedException;
import io.glance.domain.ValidatedToken;
import io.glance.ports.out.ContextIsAdmin;
import io.glance.ports.out.PolicyCredentials;
import io.glance.ports.out.TokenValidator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link TokenAuthenticator} and its cache over a scripted Keystone that counts what it is asked. */
class TokenAuthenticatorTest {
    private static final Duration CACHE_TIME = Duration.ofSeconds(300);
    /** Zed's default {@code context_is_admin: role:admin}. */
    private static final ContextIsAdmin ADMIN_ROLE = credentials -> credentials.roles().contains("admin");

    private final TestClock clock = new TestClock();
    private final ScriptedKeystone keystone = new ScriptedKeystone();
    private TokenAuthenticator authenticator = new TokenAuthenticator(keystone, ADMIN_ROLE, CACHE_TIME,
            100, clock);

    private ValidatedToken token(String user, String project, List<String> roles, Duration lifetime) {
        return new ValidatedToken(user, user + "-name", "default", "Default", project, project == null ? null
                : project + "-name", "default", "Default", null, null, false, roles, true,
                clock.instant().plus(lifetime), List.of());
    }

    @Test
    void aRequestWithoutTokenIsRefusedWithoutAskingKeystone() {
        for (String missing : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> authenticator.authenticate("req-1", missing, null))
                    .isInstanceOf(UnauthenticatedException.class).hasMessageContaining("X-Auth-Token");
        }
        assertThat(keystone.asked).isEmpty();
    }

    @Test
    void theContextIsWhatKeystoneSaysWithRolesLowerCasedAndNoAdminWithoutTheAdminRole() {
        keystone.valid("tok-a", token("alice", "alpha", List.of("Member", "reader"), Duration.ofHours(1)));
        RequestContext context = authenticator.authenticate("req-1", " tok-a ", null);
        assertThat(context.requestId()).isEqualTo("req-1");
        assertThat(context.projectId()).isEqualTo("alpha");
        assertThat(context.roles()).containsExactlyInAnyOrder("member", "reader");
        assertThat(context.admin()).isFalse();
        assertThat(context.userId()).contains("alice");
        assertThat(context.authentication().authToken()).isEqualTo("tok-a");
        assertThat(context.authentication().service()).isNull();
    }

    @Test
    void theAdminRoleInAnyProjectMakesAnAdminUnlessTheRuleSaysOtherwise() {
        keystone.valid("tok-admin", token("root", "ops", List.of("Admin"), Duration.ofHours(1)));
        assertThat(authenticator.authenticate("req-1", "tok-admin", null).admin()).isTrue();

        List<PolicyCredentials> asked = new ArrayList<>();
        authenticator = new TokenAuthenticator(keystone, credentials -> {
            asked.add(credentials);
            return credentials.roles().contains("cloud_admin");
        }, CACHE_TIME, 100, clock);
        assertThat(authenticator.authenticate("req-2", "tok-admin", null).admin()).isFalse();
        assertThat(asked).singleElement().satisfies(credentials -> {
            assertThat(credentials.admin()).isFalse();
            assertThat(credentials.roles()).containsExactly("admin");
            assertThat(credentials.projectId()).isEqualTo("ops");
            assertThat(credentials.value("user_id")).isEqualTo("root");
            assertThat(credentials.value("project_domain_id")).isEqualTo("default");
        });
    }

    @Test
    void aValidTokenIsAskedAboutOnceWithinTheCacheTimeAndAgainAfterIt() {
        keystone.valid("tok-a", token("alice", "alpha", List.of("member"), Duration.ofHours(2)));
        for (int i = 0; i < 5; i++) {
            authenticator.authenticate("req-" + i, "tok-a", null);
        }
        assertThat(keystone.asked).containsExactly("tok-a");

        // Revoked in Keystone: seen once the cached validation ages out, not before (keystonemiddleware's rule).
        keystone.invalid("tok-a");
        clock.advance(CACHE_TIME.minusSeconds(1));
        authenticator.authenticate("req-6", "tok-a", null);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> authenticator.authenticate("req-7", "tok-a", null))
                .isInstanceOf(UnauthenticatedException.class).hasMessageContaining("not valid");
        assertThat(keystone.asked).containsExactly("tok-a", "tok-a");
    }

    @Test
    void refusalsAreCachedToo() {
        keystone.invalid("garbage");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> authenticator.authenticate("req", "garbage", null))
                    .isInstanceOf(UnauthenticatedException.class);
        }
        assertThat(keystone.asked).containsExactly("garbage");
    }

    @Test
    void aCachedTokenPastItsExpiryIsRefusedWithoutWaitingForTheCacheTime() {
        keystone.valid("tok-short", token("alice", "alpha", List.of("member"), Duration.ofSeconds(30)));
        authenticator.authenticate("req-1", "tok-short", null);
        clock.advance(Duration.ofSeconds(30));
        assertThatThrownBy(() -> authenticator.authenticate("req-2", "tok-short", null))
                .isInstanceOf(UnauthenticatedException.class).hasMessageContaining("expired");
    }

    @Test
    void keystoneBeingAwayIsNotCachedAndServiceResumesWhenItIsBack() {
        keystone.valid("tok-a", token("alice", "alpha", List.of("member"), Duration.ofHours(1)));
        keystone.away = true;
        assertThatThrownBy(() -> authenticator.authenticate("req-1", "tok-a", null))
                .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("Keystone");
        keystone.away = false;
        assertThat(authenticator.authenticate("req-2", "tok-a", null).projectId()).isEqualTo("alpha");
    }

    @Test
    void aMalformedTokenIsRefusedWithoutAskingKeystone() {
        for (String malformed : new String[] {"tok en", "tök", "x".repeat(TokenAuthenticator.MAX_TOKEN_LENGTH + 1)}) {
            assertThatThrownBy(() -> authenticator.authenticate("req", malformed, null))
                    .isInstanceOf(UnauthenticatedException.class).hasMessageContaining("malformed");
        }
        assertThat(keystone.asked).isEmpty();
    }

    @Test
    void anUnscopedTokenIsForbiddenForNonAdminsSoNoImageIsCreatedWithoutOwner() {
        keystone.valid("tok-unscoped", token("alice", null, List.of(), Duration.ofHours(1)));
        assertThatThrownBy(() -> authenticator.authenticate("req", "tok-unscoped", null))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("not scoped to a project");
    }

    @Test
    void aServiceTokenIsValidatedAndCarriedAndAnInvalidOneRefused() {
        keystone.valid("tok-a", token("alice", "alpha", List.of("member"), Duration.ofHours(1)));
        keystone.valid("tok-nova", token("nova", "service", List.of("service"), Duration.ofHours(1)));
        keystone.invalid("tok-bad");
        RequestContext context = authenticator.authenticate("req-1", "tok-a", "tok-nova");
        assertThat(context.authentication().service().userId()).isEqualTo("nova");
        assertThat(context.roles()).containsExactly("member");
        assertThatThrownBy(() -> authenticator.authenticate("req-2", "tok-a", "tok-bad"))
                .isInstanceOf(UnauthenticatedException.class).hasMessageContaining("X-Service-Token");
    }

    @Test
    void theCacheIsBoundedAndForgetsTheLeastRecentlyUsedToken() {
        TokenCache cache = new TokenCache(CACHE_TIME, 3, clock);
        TokenValidator.Invalid no = new TokenValidator.Invalid("no");
        cache.put("t1", no);
        cache.put("t2", no);
        cache.put("t3", no);
        assertThat(cache.get("t1")).isPresent(); // t1 used: t2 is now the eldest
        cache.put("t4", no);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get("t2")).isEmpty();
        assertThat(cache.get("t1")).isPresent();
        assertThat(cache.get("t4")).isPresent();
    }

    @Test
    void aZeroCacheTimeAsksKeystoneEveryTime() {
        authenticator = new TokenAuthenticator(keystone, ADMIN_ROLE, Duration.ZERO, 100, clock);
        keystone.valid("tok-a", token("alice", "alpha", List.of("member"), Duration.ofHours(1)));
        authenticator.authenticate("req-1", "tok-a", null);
        authenticator.authenticate("req-2", "tok-a", null);
        assertThat(keystone.asked).hasSize(2);
    }

    /** Keystone as a table of tokens, counting validations; {@code away} makes it unreachable. */
    private static final class ScriptedKeystone implements TokenValidator {
        final Map<String, TokenCheck> tokens = new HashMap<>();
        final List<String> asked = new ArrayList<>();
        volatile boolean away;

        void valid(String token, ValidatedToken info) {
            tokens.put(token, new Valid(info));
        }

        void invalid(String token) {
            tokens.put(token, new Invalid("Keystone does not know it"));
        }

        @Override
        public TokenCheck validate(String token) {
            if (away) {
                throw new ServiceUnavailableException("Keystone at http://keystone.test/v3 is unavailable");
            }
            asked.add(token);
            return tokens.getOrDefault(token, new Invalid("unknown"));
        }
    }

    @Test
    void rolesOfTheTokenNotOfAnyHeaderDecide() {
        // The authenticator has no input for X-Roles & co.: the context's roles are exactly the token's.
        keystone.valid("tok-a", token("alice", "alpha", List.of("member"), Duration.ofHours(1)));
        assertThat(authenticator.authenticate("req", "tok-a", null).roles()).isEqualTo(Set.of("member"));
    }
}
