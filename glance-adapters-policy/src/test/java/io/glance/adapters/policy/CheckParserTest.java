package io.glance.adapters.policy;

import io.glance.ports.out.PolicyCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** oslo.policy's rule language: precedence, tokens, each kind of check, and parse errors that name the string. */
class CheckParserTest {
    private static final Check.RuleLookup NO_RULES = name -> null;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "role:a                                 | role:a",
            "role:a or role:b and role:c            | (role:a or (role:b and role:c))",
            "role:a and role:b or role:c            | ((role:a and role:b) or role:c)",
            "(role:a or role:b) and role:c          | ((role:a or role:b) and role:c)",
            "not role:a and role:b                  | (not role:a and role:b)",
            "not (role:a and role:b)                | not (role:a and role:b)",
            "role:a OR role:b AND NOT role:c        | (role:a or (role:b and not role:c))",
            "((role:a))                             | role:a",
            "role:admin or (role:member and project_id:%(project_id)s) | (role:admin or (role:member and project_id:%(project_id)s))",
            "'public':%(visibility)s                | 'public':%(visibility)s",
            "@                                      | @",
            "!                                      | !",
            "rule:default and is_admin:True         | (rule:default and is_admin:True)",
    })
    void parsesWithOsloPrecedence(String checkString, String rendered) {
        assertThat(CheckParser.parse(checkString)).hasToString(rendered);
    }

    @Test
    void theEmptyStringAllowsEverybody() {
        assertThat(CheckParser.parse("").test(caller(Set.of(), null), Map.of(), NO_RULES)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "role:admin or                    | it ends after 'or' where a check was expected",
            "(role:a or role:b                | '(' is not closed",
            "role:a)                          | unexpected ')'",
            "role:a and and role:b            | a check was expected where 'and' is",
            "admin                            | 'admin' is not a check",
            "role:a role:b                    | unexpected 'role:b'",
            "http://policy.example.com/check  | remote (http) checks are not supported",
            "project_id:%(project_id)d        | is not a %(key)s substitution",
            "project_id:%(project_id          | is not closed",
            "project_id:50%                   | is not followed by (key)s",
            ":x                               | has no kind",
            "rule:                            | names no rule",
            "not                              | it ends after 'not'",
            "()                               | a check was expected where ')' is",
    })
    void refusesWhatIsNotTheLanguageNamingTheString(String checkString, String problem) {
        assertThatThrownBy(() -> CheckParser.parse(checkString))
                .isInstanceOf(PolicySyntaxException.class)
                .hasMessageContaining("'" + checkString + "'")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "\t  "})
    void refusesWhitespaceOnly(String checkString) {
        assertThatThrownBy(() -> CheckParser.parse(checkString)).isInstanceOf(PolicySyntaxException.class)
                .hasMessageContaining("only whitespace");
    }

    @Test
    void rolesCompareCaseInsensitivelyAndMayComeFromTheTarget() {
        PolicyCredentials member = caller(Set.of("Member"), "p1");
        assertThat(evaluate("role:member", member, Map.of())).isTrue();
        assertThat(evaluate("role:MEMBER", member, Map.of())).isTrue();
        assertThat(evaluate("role:reader", member, Map.of())).isFalse();
        assertThat(evaluate("role:%(wanted)s", member, Map.of("wanted", "member"))).isTrue();
        assertThat(evaluate("role:%(wanted)s", member, Map.of())).isFalse();
    }

    @Test
    void targetMatchesCompareTheCredentialWithTheSubstitutedTarget() {
        PolicyCredentials p1 = caller(Set.of("member"), "p1");
        assertThat(evaluate("project_id:%(project_id)s", p1, Map.of("project_id", "p1"))).isTrue();
        assertThat(evaluate("project_id:%(project_id)s", p1, Map.of("project_id", "p2"))).isFalse();
        assertThat(evaluate("project_id:%(owner)s", p1, Map.of("project_id", "p1")))
                .as("a key the target lacks fails the check").isFalse();
        assertThat(evaluate("project_id:p1", p1, Map.of())).as("a constant match").isTrue();
        assertThat(evaluate("user_id:%(user_id)s", p1, Map.of("user_id", "u1")))
                .as("a credential the caller lacks").isFalse();
        assertThat(evaluate("user_id:%(user_id)s", p1.with(Map.of("user_id", "u1")), Map.of("user_id", "u1")))
                .isTrue();
        assertThat(evaluate("roles:member", p1, Map.of())).isTrue();
    }

    @Test
    void aNullTargetValueRendersAsNoneLikePython() {
        Map<String, String> ownerless = new HashMap<>();
        ownerless.put("project_id", null);
        assertThat(evaluate("project_id:%(project_id)s", caller(Set.of(), "p1"), ownerless)).isFalse();
        // oslo.policy's quirk, kept: a caller without a project "owns" an image without an owner.
        assertThat(evaluate("project_id:%(project_id)s", caller(Set.of(), null), ownerless)).isTrue();
        assertThat(evaluate("'None':%(project_id)s", caller(Set.of(), "p1"), ownerless)).isTrue();
    }

    @Test
    void literalKindsCompareWithTheTarget() {
        PolicyCredentials anyone = caller(Set.of(), "p1");
        assertThat(evaluate("'public':%(visibility)s", anyone, Map.of("visibility", "public"))).isTrue();
        assertThat(evaluate("\"public\":%(visibility)s", anyone, Map.of("visibility", "public"))).isTrue();
        assertThat(evaluate("'public':%(visibility)s", anyone, Map.of("visibility", "private"))).isFalse();
        assertThat(evaluate("True:%(protected)s", anyone, Map.of("protected", "True"))).isTrue();
        assertThat(evaluate("0:%(min_disk)s", anyone, Map.of("min_disk", "0"))).isTrue();
    }

    @Test
    void isAdminReadsTheCredential() {
        PolicyCredentials admin = new PolicyCredentials(Set.of(), "p1", true, Map.of());
        assertThat(evaluate("is_admin:True", admin, Map.of())).isTrue();
        assertThat(evaluate("is_admin:True", caller(Set.of("admin"), "p1"), Map.of())).isFalse();
        assertThat(evaluate("is_admin:False", caller(Set.of(), "p1"), Map.of())).isTrue();
    }

    @Test
    void notAndOrCombine() {
        PolicyCredentials reader = caller(Set.of("reader"), "p1");
        assertThat(evaluate("not role:member", reader, Map.of())).isTrue();
        assertThat(evaluate("role:member or role:reader", reader, Map.of())).isTrue();
        assertThat(evaluate("role:member and role:reader", reader, Map.of())).isFalse();
        assertThat(evaluate("!", reader, Map.of())).isFalse();
        assertThat(evaluate("@", reader, Map.of())).isTrue();
    }

    @Test
    void ruleReferencesEvaluateTheNamedRuleAndFailClosedWhenMissing() {
        Check.RuleLookup rules = name -> name.equals("owner") ? CheckParser.parse("project_id:%(project_id)s") : null;
        PolicyCredentials p1 = caller(Set.of(), "p1");
        assertThat(CheckParser.parse("rule:owner").test(p1, Map.of("project_id", "p1"), rules)).isTrue();
        assertThat(CheckParser.parse("rule:owner").test(p1, Map.of("project_id", "p2"), rules)).isFalse();
        assertThat(CheckParser.parse("rule:missing").test(p1, Map.of(), rules)).isFalse();
    }

    private static boolean evaluate(String checkString, PolicyCredentials credentials, Map<String, String> target) {
        return CheckParser.parse(checkString).test(credentials, target, NO_RULES);
    }

    private static PolicyCredentials caller(Set<String> roles, String projectId) {
        return new PolicyCredentials(roles, projectId, false, Map.of());
    }
}
