package io.glance.adapters.policy;

import io.glance.adapters.policy.PropertyProtectionRules.RuleFormat;
import io.glance.domain.RequestContext;
import io.glance.ports.out.PropertyProtection;
import io.glance.ports.out.PropertyProtection.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** property_protection_file in both formats, with Glance's sample files and its start-up refusals. */
class PropertyProtectionRulesTest {
    @TempDir
    Path directory;

    private static final RequestContext ADMIN = context("admin");
    private static final RequestContext MEMBER = context("member");
    private static final RequestContext READER = context("reader");

    /** Glance's etc/property-protections-roles.conf.sample. */
    private static final String ROLES_SAMPLE = """
            [^x_.*]
            create = admin,member,_member_
            read = admin,member,_member_
            update = admin,member,_member_
            delete = admin,member,_member_

            [.*]
            create = admin
            read = admin
            update = admin
            delete = admin
            """;

    @Test
    void rolesSampleTheFirstMatchingSectionDecides() throws IOException {
        PropertyProtection protection = roles(ROLES_SAMPLE);
        // configparser takes the brackets as the header's: the first section is ^x_.*, names starting with x_.
        assertThat(protection.allows(MEMBER, "x_owner", Operation.CREATE)).isTrue();
        assertThat(protection.allows(MEMBER, "x_owner", Operation.DELETE)).isTrue();
        assertThat(protection.allows(READER, "x_owner", Operation.READ)).isFalse();
        assertThat(protection.allows(MEMBER, "os_distro", Operation.READ)).isFalse();
        assertThat(protection.allows(ADMIN, "os_distro", Operation.UPDATE)).isTrue();
        assertThat(protection.allows(context("ADMIN"), "os_distro", Operation.UPDATE))
                .as("roles compare case-insensitively").isTrue();
    }

    @Test
    void aPropertyNoSectionMatchesIsDeniedToEverybody() throws IOException {
        PropertyProtection protection = roles("""
                [^secret_]
                create = @
                read = @
                update = @
                delete = @
                """);
        assertThat(protection.allows(MEMBER, "secret_key", Operation.CREATE)).isTrue();
        assertThat(protection.allows(ADMIN, "os_distro", Operation.READ)).isFalse();
    }

    @Test
    void sectionsAreSearchedNotAnchored() throws IOException {
        PropertyProtection protection = roles("""
                [licen]
                create = admin
                read = @
                update = !
                delete =
                """);
        assertThat(protection.allows(MEMBER, "os_license_key", Operation.READ)).isTrue();
        assertThat(protection.allows(MEMBER, "os_license_key", Operation.CREATE)).isFalse();
        assertThat(protection.allows(ADMIN, "os_license_key", Operation.UPDATE)).as("! is nobody").isFalse();
        assertThat(protection.allows(ADMIN, "os_license_key", Operation.DELETE)).as("empty is nobody").isFalse();
    }

    @Test
    void policiesFormatEvaluatesTheNamedRules() throws IOException {
        Path file = write("""
                [^x_billing_]
                create = glance_creator
                read = @
                update = context_is_admin
                delete = !
                """);
        PropertyProtectionRules rules = PropertyProtectionRules.read(file, RuleFormat.POLICIES);
        assertThat(rules.policyNames()).containsExactly("glance_creator", "context_is_admin");
        Path policyFile = write("\"glance_creator\": \"role:admin or role:creator\"\n");
        OsloPolicy policy = OsloPolicy.load(new PolicySettings(policyFile, false), rules.policyNames());
        PropertyProtection protection = rules.enforcedWith(policy);
        assertThat(protection.allows(context("creator"), "x_billing_code", Operation.CREATE)).isTrue();
        assertThat(protection.allows(MEMBER, "x_billing_code", Operation.CREATE)).isFalse();
        assertThat(protection.allows(MEMBER, "x_billing_code", Operation.READ)).isTrue();
        assertThat(protection.allows(ADMIN, "x_billing_code", Operation.UPDATE)).isTrue();
        assertThat(protection.allows(ADMIN, "x_billing_code", Operation.DELETE)).isFalse();

        assertThatThrownBy(() -> OsloPolicy.load(PolicySettings.zedDefaults(), rules.policyNames()))
                .as("a rule the file names must exist").isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("glance_creator");
    }

    @Test
    void whatGlanceRefusesAtStartIsRefusedNamingSectionAndFile() throws IOException {
        assertRefused(RuleFormat.ROLES, "[x_.*]\ncreate = admin\nread = admin\nupdate = admin\n",
                "[x_.*]", "delete");
        assertRefused(RuleFormat.ROLES, "[x_(]\ncreate = a\nread = a\nupdate = a\ndelete = a\n",
                "[x_(]", "not a regular expression");
        assertRefused(RuleFormat.ROLES, "[x]\ncreate = @,!\nread = a\nupdate = a\ndelete = a\n",
                "[x]", "mutually exclusive");
        assertRefused(RuleFormat.POLICIES, "[x]\ncreate = a,b\nread = a\nupdate = a\ndelete = a\n",
                "[x]", "Multiple policies");
        assertRefused(RuleFormat.ROLES, "[x]\ncraete = a\ncreate = a\nread = a\nupdate = a\ndelete = a\n",
                "[x]", "craete");
        assertRefused(RuleFormat.ROLES, "create = a\n", "create = a", "before any [section]");
        assertRefused(RuleFormat.ROLES, "[x]\ncreate = a\n[x]\n", "[x]", "twice");
        assertThatThrownBy(() -> PropertyProtectionRules.read(directory.resolve("absent.conf"), RuleFormat.ROLES))
                .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("absent.conf");
        assertThatThrownBy(() -> RuleFormat.parse("acl")).isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("'acl'");
    }

    @Test
    void defaultSectionValuesAreInherited() throws IOException {
        PropertyProtection protection = roles("""
                [DEFAULT]
                read = @
                delete = !
                [^x_]
                create = member
                update = member
                """);
        assertThat(protection.allows(READER, "x_a", Operation.READ)).isTrue();
        assertThat(protection.allows(MEMBER, "x_a", Operation.UPDATE)).isTrue();
        assertThat(protection.allows(ADMIN, "x_a", Operation.DELETE)).isFalse();
    }

    private void assertRefused(RuleFormat format, String text, String named, String problem) throws IOException {
        Path file = write(text);
        assertThatThrownBy(() -> PropertyProtectionRules.read(file, format))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining(named).hasMessageContaining(problem).hasMessageContaining(file.toString());
    }

    private PropertyProtection roles(String text) throws IOException {
        return PropertyProtectionRules.read(write(text), RuleFormat.ROLES).enforcedWith(OsloPolicy.defaults(false));
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(directory, "protections", ".conf");
        Files.writeString(file, text);
        return file;
    }

    private static RequestContext context(String role) {
        return new RequestContext("req-" + role, "p1", Set.of(role), role.equalsIgnoreCase("admin"));
    }

}
