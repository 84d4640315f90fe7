package io.glance.adapters.policy;

import io.glance.ports.out.PolicyCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator's policy.yaml: what it may say, and the start-up errors that name the file and the rule. */
class PolicyFileTest {
    @TempDir
    Path directory;

    private static final PolicyCredentials READER = new PolicyCredentials(Set.of("reader"), "p1", false, Map.of());
    private static final PolicyCredentials MEMBER = new PolicyCredentials(Set.of("member"), "p1", false, Map.of());

    @Test
    void rulesFromTheFileReplaceTheDefaultsAndMayUseHelperRules() throws IOException {
        Path file = write("""
                # a comment
                "owner": "project_id:%(project_id)s"
                "modify_image": "rule:owner and role:member"
                "publicize_image": "role:admin or role:publisher"
                """);
        OsloPolicy policy = OsloPolicy.load(new PolicySettings(file, false), List.of());
        Map<String, String> image = Map.of("project_id", "p1", "owner", "p1", "visibility", "private");
        assertThat(policy.allows("modify_image", MEMBER, image)).isTrue();
        assertThat(policy.allows("modify_image", READER, image)).isFalse();
        assertThat(policy.allows("publicize_image",
                new PolicyCredentials(Set.of("publisher"), "p1", false, Map.of()), image)).isTrue();
    }

    @Test
    void jsonIsAcceptedAndAnEmptyFileChangesNothing() throws IOException {
        OsloPolicy json = OsloPolicy.load(new PolicySettings(write("{\"get_images\": \"!\"}"), false), List.of());
        assertThat(json.allows("get_images", MEMBER, Map.of())).isFalse();
        OsloPolicy empty = OsloPolicy.load(new PolicySettings(write(""), true), List.of());
        assertThat(empty.allows("get_images", READER, Map.of("project_id", "p1"))).isTrue();
        assertThat(empty.newDefaults()).isTrue();
    }

    @Test
    void anUnparsableCheckStringStopsStartNamingFileRuleAndString() throws IOException {
        Path file = write("\"modify_image\": \"role:admin or or role:member\"\n");
        assertThatThrownBy(() -> OsloPolicy.load(new PolicySettings(file, false), List.of()))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("'modify_image'")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'role:admin or or role:member'");
    }

    @Test
    void anUnknownRuleNameStopsStart() throws IOException {
        Path file = write("\"modify_imgae\": \"role:admin\"\n");
        assertThatThrownBy(() -> OsloPolicy.load(new PolicySettings(file, false), List.of()))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("Unknown policy rule 'modify_imgae'")
                .hasMessageContaining(file.toString());
    }

    @Test
    void aReferenceToAnUndefinedRuleStopsStart() throws IOException {
        Path file = write("\"modify_image\": \"rule:admin_or_owner\"\n");
        assertThatThrownBy(() -> OsloPolicy.load(new PolicySettings(file, false), List.of()))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("'modify_image'")
                .hasMessageContaining("rule:admin_or_owner, which is not defined");
    }

    @Test
    void rulesReferringToEachOtherInACircleStopStart() throws IOException {
        Path file = write("""
                "a": "rule:b"
                "b": "rule:a"
                "modify_image": "rule:a"
                """);
        assertThatThrownBy(() -> OsloPolicy.load(new PolicySettings(file, false), List.of()))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("in a circle");
    }

    @Test
    void rulesNamedByOtherConfigurationMayBeDefinedAndMustExist() throws IOException {
        Path file = write("\"glance_creator\": \"role:admin or role:creator\"\n");
        OsloPolicy policy = OsloPolicy.load(new PolicySettings(file, false), List.of("glance_creator"));
        assertThat(policy.allows("glance_creator", new PolicyCredentials(Set.of("creator"), "p1", false,
                Map.of()), Map.of())).isTrue();
        assertThatThrownBy(() -> OsloPolicy.load(new PolicySettings(file, false), List.of("glance_reader")))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("'glance_reader'");
    }

    @Test
    void nonStringValuesAndNonMappingsAreRefused() throws IOException {
        assertThatThrownBy(() -> OsloPolicy.load(new PolicySettings(write("\"get_images\": [[\"role:a\"]]\n"),
                false), List.of())).isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("'get_images'").hasMessageContaining("must be a check string");
        assertThatThrownBy(() -> OsloPolicy.load(new PolicySettings(write("- role:admin\n"), false), List.of()))
                .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("must map rule names");
        assertThatThrownBy(() -> OsloPolicy.load(new PolicySettings(write("a: [\n"), false), List.of()))
                .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> OsloPolicy.load(new PolicySettings(directory.resolve("missing.yaml"), false),
                List.of())).isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("missing.yaml");
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(directory, "policy", ".yaml");
        Files.writeString(file, text);
        return file;
    }
}
