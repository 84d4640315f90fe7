package io.glance.adapters.policy;

import io.glance.ports.out.PolicyCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Zed's rules per persona, with {@code enforce_new_defaults} off (what a default Zed install enforces: nearly
 * everything passes, the admin-only rules without a deprecated twin do not) and on (2023.1's admin, member and reader
 * personas). The image belongs to project {@code p1}; {@code p2} is another project.
 */
class ZedDefaultsTest {

    private enum Persona {
        ADMIN(Set.of("admin", "member", "reader"), "p9"),
        MEMBER(Set.of("member", "reader"), "p1"),
        READER(Set.of("reader"), "p1"),
        OTHER_MEMBER(Set.of("member", "reader"), "p2"),
        OTHER_READER(Set.of("reader"), "p2"),
        NO_ROLE(Set.of(), "p1");

        final PolicyCredentials credentials;

        Persona(Set<String> roles, String project) {
            this.credentials = new PolicyCredentials(roles, project, roles.contains("admin"), Map.of());
        }
    }

    /** private / public / community / shared image of p1; "shared+p2" is a shared image p2 is a member of. */
    private static Map<String, String> image(String kind) {
        Map<String, String> target = new HashMap<>();
        target.put("project_id", "p1");
        target.put("owner", "p1");
        String visibility = kind.startsWith("shared") ? "shared" : kind;
        target.put("visibility", visibility);
        target.put("member_id", kind.equals("shared+p2") ? "p2" : null);
        return target;
    }

    @ParameterizedTest(name = "{0} by {1} on a {2} image: new defaults {3}, Zed legacy {4}")
    @CsvSource({
            // rule,             persona,      image,     new,   legacy
            "get_images,         ADMIN,        private,   true,  true",
            "get_images,         MEMBER,       private,   true,  true",
            "get_images,         READER,       private,   true,  true",
            "get_images,         NO_ROLE,      private,   false, true",
            "get_image,          MEMBER,       private,   true,  true",
            "get_image,          READER,       private,   true,  true",
            "get_image,          OTHER_READER, private,   false, true",
            "get_image,          OTHER_READER, public,    true,  true",
            "get_image,          OTHER_READER, community, true,  true",
            "get_image,          OTHER_READER, shared+p2, true,  true",
            "get_image,          NO_ROLE,      public,    false, true",
            "add_image,          ADMIN,        private,   true,  true",
            "add_image,          MEMBER,       private,   true,  true",
            "add_image,          READER,       private,   false, true",
            "add_image,          OTHER_MEMBER, private,   false, true",
            "modify_image,       MEMBER,       private,   true,  true",
            "modify_image,       READER,       private,   false, true",
            "modify_image,       OTHER_MEMBER, public,    false, true",
            "modify_image,       ADMIN,        private,   true,  true",
            "delete_image,       MEMBER,       private,   true,  true",
            "delete_image,       READER,       private,   false, true",
            "upload_image,       MEMBER,       private,   true,  true",
            "upload_image,       READER,       private,   false, true",
            "download_image,     MEMBER,       private,   true,  true",
            "download_image,     READER,       private,   false, true",
            "download_image,     OTHER_MEMBER, public,    true,  true",
            "download_image,     OTHER_MEMBER, private,   false, true",
            "deactivate,         MEMBER,       private,   true,  true",
            "deactivate,         READER,       private,   false, true",
            "reactivate,         READER,       private,   false, true",
            "publicize_image,    ADMIN,        private,   true,  true",
            "publicize_image,    MEMBER,       private,   false, false",
            "communitize_image,  MEMBER,       private,   true,  true",
            "communitize_image,  READER,       private,   false, true",
            "get_image_location, READER,       private,   true,  true",
            "set_image_location, READER,       private,   false, true",
            "set_image_location, MEMBER,       private,   true,  true",
            "delete_image_location, MEMBER,    private,   false, true",
            "delete_image_location, ADMIN,     private,   true,  true",
            "add_member,         MEMBER,       shared,    true,  true",
            "add_member,         READER,       shared,    false, true",
            "add_member,         OTHER_MEMBER, shared+p2, false, true",
            "delete_member,      MEMBER,       shared,    true,  true",
            "get_members,        READER,       shared,    true,  true",
            "get_members,        OTHER_READER, shared+p2, true,  true",
            "get_member,         OTHER_READER, shared,    false, true",
            "modify_member,      OTHER_MEMBER, shared+p2, true,  true",
            "modify_member,      OTHER_READER, shared+p2, false, true",
            "modify_member,      MEMBER,       shared+p2, false, true",
            "copy_image,         MEMBER,       private,   false, false",
            "copy_image,         ADMIN,        private,   true,  true",
            "tasks_api_access,   MEMBER,       private,   false, false",
            "tasks_api_access,   ADMIN,        private,   true,  true",
            "get_task,           NO_ROLE,      private,   true,  true",
            "stores_info_detail, MEMBER,       private,   false, false",
            "stores_info_detail, ADMIN,        private,   true,  true",
            "cache_list,         MEMBER,       private,   false, false",
            "cache_image,        ADMIN,        private,   true,  true",
            "cache_delete,       MEMBER,       private,   false, false",
            "manage_image_cache, MEMBER,       private,   false, false",
            "context_is_admin,   ADMIN,        private,   true,  true",
            "context_is_admin,   MEMBER,       private,   false, false",
            "default,            NO_ROLE,      private,   true,  true",
            "get_metadef_namespace,  OTHER_READER, public,  true,  true",
            "get_metadef_namespace,  OTHER_READER, private, false, true",
            "get_metadef_namespaces, NO_ROLE,      private, false, true",
            "add_metadef_namespace,  MEMBER,       private, false, false",
            "add_metadef_namespace,  ADMIN,        private, true,  true",
            "modify_metadef_tag,     MEMBER,       private, false, false",
    })
    void rulePerPersona(String rule, Persona persona, String image, boolean newDefaults, boolean legacy) {
        assertThat(OsloPolicy.defaults(true).allows(rule, persona.credentials, image(image)))
                .as("enforce_new_defaults=true").isEqualTo(newDefaults);
        assertThat(OsloPolicy.defaults(false).allows(rule, persona.credentials, image(image)))
                .as("enforce_new_defaults=false").isEqualTo(legacy);
    }

    @Test
    void aReaderCanReadButNotWriteWithTheNewDefaults() {
        OsloPolicy policy = OsloPolicy.defaults(true);
        PolicyCredentials reader = Persona.READER.credentials;
        for (String read : new String[] {"get_images", "get_image", "get_members", "get_image_location"}) {
            assertThat(policy.allows(read, reader, image("shared"))).as(read).isTrue();
        }
        for (String write : new String[] {"add_image", "modify_image", "delete_image", "upload_image",
                "download_image", "deactivate", "reactivate", "add_member", "delete_member",
                "communitize_image", "set_image_location"}) {
            assertThat(policy.allows(write, reader, image("shared"))).as(write).isFalse();
        }
    }

    @Test
    void contextIsAdminDecidesIsAdminFromTheRoles() {
        OsloPolicy policy = OsloPolicy.defaults(false);
        assertThat(policy.isAdmin(new PolicyCredentials(Set.of("Admin"), "p1", false, Map.of()))).isTrue();
        assertThat(policy.isAdmin(new PolicyCredentials(Set.of("member"), "p1", true, Map.of())))
                .as("the is_admin being decided does not count").isFalse();
        OsloPolicy custom = OsloPolicy.withOverrides(false, Map.of("context_is_admin", "role:cloud_admin"));
        assertThat(custom.isAdmin(new PolicyCredentials(Set.of("admin"), "p1", false, Map.of()))).isFalse();
        assertThat(custom.isAdmin(new PolicyCredentials(Set.of("cloud_admin"), "p1", false, Map.of()))).isTrue();
    }

    @Test
    void anOverriddenRuleLosesItsDeprecatedTwin() {
        OsloPolicy policy = OsloPolicy.withOverrides(false, Map.of("modify_image", "role:member"));
        assertThat(policy.allows("modify_image", Persona.READER.credentials, image("private"))).isFalse();
        assertThat(policy.allows("modify_image", Persona.MEMBER.credentials, image("private"))).isTrue();
        assertThat(policy.allows("delete_image", Persona.READER.credentials, image("private")))
                .as("other rules keep the legacy default").isTrue();
    }

    @Test
    void theDefaultRuleCanBeTightenedAndRulesReferringToItFollow() {
        OsloPolicy policy = OsloPolicy.withOverrides(false, Map.of("default", "role:admin"));
        assertThat(policy.allows("get_task", Persona.MEMBER.credentials, Map.of())).isFalse();
        assertThat(policy.allows("get_task", Persona.ADMIN.credentials, Map.of())).isTrue();
        assertThat(policy.allows("modify_image", Persona.READER.credentials, image("private")))
                .as("modify_image's twin is rule:default").isFalse();
        assertThat(policy.allows("modify_image", Persona.MEMBER.credentials, image("private")))
                .as("its new check string still passes").isTrue();
    }

    @Test
    void anUnknownRuleNameIsAProgrammingError() {
        assertThatThrownBy(() -> OsloPolicy.defaults(false).allows("modify_imgae", Persona.ADMIN.credentials,
                Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modify_imgae");
    }
}
