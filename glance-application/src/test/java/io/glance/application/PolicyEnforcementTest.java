package io.glance.application;

import io.glance.adapters.policy.OsloPolicy;
import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.MemberStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import io.glance.ports.in.CreateImageCommand;
import io.glance.ports.in.PatchOperation;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.PolicyEnforcer;
import io.glance.testing.InMemoryStoreDriver;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import static io.glance.application.Services.ADMIN;
import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The use cases enforce the policy rules Glance's API enforces, with the real oslo.policy engine: 2023.1's personas
 * with {@code enforce_new_defaults}, Zed's legacy behaviour without, and an operator's overrides; refusals are 403 on
 * images the caller sees and 404 on those it does not.
 */
class PolicyEnforcementTest {
    private static final RequestContext ALICE_READER = Services.reader("alice");
    private static final byte[] DATA = TestData.bytes(100);

    @Test
    void withTheNewDefaultsAReaderReadsButDoesNotWrite() {
        try (Services s = services(OsloPolicy.defaults(true))) {
            Image image = s.queuedImage(ALICE);
            assertThat(s.services.catalog().show(ALICE_READER, image.id()).id()).isEqualTo(image.id());
            assertThat(s.services.catalog().list(ALICE_READER, ImageQuery.firstPage(25))).extracting(Image::id)
                    .containsExactly(image.id());

            assertForbidden(() -> s.services.catalog().create(ALICE_READER, Services.command("r")), "add_image");
            assertForbidden(() -> s.services.catalog().update(ALICE_READER, image.id(), rename("x")),
                    "modify_image");
            assertForbidden(() -> s.services.catalog().delete(ALICE_READER, image.id()), "delete_image");
            assertForbidden(() -> s.services.tags().addTag(ALICE_READER, image.id(), "t"), "modify_image");
            assertForbidden(() -> s.services.data().upload(ALICE_READER, image.id(),
                    new ByteArrayInputStream(DATA), DATA.length, null), "upload_image");
            assertForbidden(() -> s.services.members().add(ALICE_READER, image.id(), "bob"), "add_member");

            s.services.data().upload(ALICE, image.id(), new ByteArrayInputStream(DATA), DATA.length, null);
            assertForbidden(() -> s.services.data().download(ALICE_READER, image.id(), null), "download_image");
            assertForbidden(() -> s.services.activation().deactivate(ALICE_READER, image.id()), "deactivate");
            assertThat(s.services.data().download(ALICE, image.id(), null)).isPresent();
            assertThat(s.stored(image.id()).name()).isEqualTo("img");
        }
    }

    @Test
    void withTheNewDefaultsAMemberCreatesAndChangesItsImages() {
        try (Services s = services(OsloPolicy.defaults(true))) {
            Image image = s.services.catalog().create(ALICE, Services.command("mine"));
            assertThat(image.owner()).isEqualTo("alice");
            assertThat(s.services.catalog().update(ALICE, image.id(), rename("renamed")).name()).isEqualTo("renamed");
            s.services.tags().addTag(ALICE, image.id(), "gold");
            s.services.members().add(ALICE, image.id(), "bob");
            s.services.members().updateStatus(BOB, image.id(), "bob", MemberStatus.ACCEPTED);
            assertThat(s.services.catalog().show(BOB, image.id()).tags()).containsExactly("gold");
            s.services.catalog().delete(ALICE, image.id());
        }
    }

    @Test
    void aCallerWithoutRolesSeesNothingWithTheNewDefaultsButEverythingLegacy() {
        RequestContext roleless = new RequestContext("req-none", "alice", java.util.Set.of(), false);
        try (Services s = services(OsloPolicy.defaults(true))) {
            Image image = s.queuedImage(ALICE);
            assertThatThrownBy(() -> s.services.catalog().show(roleless, image.id()))
                    .isInstanceOf(NotFoundException.class);
            assertForbidden(() -> s.services.catalog().list(roleless, ImageQuery.firstPage(25)), "get_images");
            assertThatThrownBy(() -> s.services.catalog().update(roleless, image.id(), rename("x")))
                    .as("refused, and not even visible: 404").isInstanceOf(NotFoundException.class);
        }
        try (Services s = services(OsloPolicy.defaults(false))) {
            Image image = s.queuedImage(ALICE);
            assertThat(s.services.catalog().show(roleless, image.id()).id()).isEqualTo(image.id());
            assertThat(s.services.catalog().update(roleless, image.id(), rename("x")).name()).isEqualTo("x");
        }
    }

    @Test
    void publicizingIsForAdminsInBothModesAndTheFileCanDelegateIt() {
        for (boolean newDefaults : new boolean[] {false, true}) {
            try (Services s = services(OsloPolicy.defaults(newDefaults))) {
                assertForbidden(() -> s.services.catalog().create(ALICE, publicImage()), "publicize_image");
                Image image = s.queuedImage(ALICE);
                assertForbidden(() -> s.services.catalog().update(ALICE, image.id(),
                        List.of(new PatchOperation(PatchOperation.Op.REPLACE, "visibility", "public", false))),
                        "publicize_image");
                assertThat(s.services.catalog().create(ADMIN, publicImage()).visibility())
                        .isEqualTo(Visibility.PUBLIC);
            }
        }
        try (Services s = services(OsloPolicy.withOverrides(false,
                Map.of("publicize_image", "role:admin or role:member")))) {
            assertThat(s.services.catalog().create(ALICE, publicImage()).visibility()).isEqualTo(Visibility.PUBLIC);
        }
    }

    @Test
    void aRefusalOnAnImageTheCallerSeesIsA403AndOnOneItDoesNotSeeA404() {
        try (Services s = services(OsloPolicy.withOverrides(false, Map.of("modify_image", "!")))) {
            Image image = s.queuedImage(ALICE);
            assertForbidden(() -> s.services.catalog().update(ALICE, image.id(), rename("x")), "modify_image");
        }
        try (Services s = services(OsloPolicy.withOverrides(false,
                Map.of("get_image", "role:admin", "modify_image", "!")))) {
            Image image = s.queuedImage(ALICE);
            assertThatThrownBy(() -> s.services.catalog().update(ALICE, image.id(), rename("x")))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining(image.id().toString());
            assertThatThrownBy(() -> s.services.catalog().show(ALICE, image.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThat(s.services.catalog().show(ADMIN, image.id()).id()).isEqualTo(image.id());
        }
    }

    @Test
    void memberRulesAreEnforcedAfterTheImageIsSeen() {
        try (Services s = services(OsloPolicy.withOverrides(false, Map.of("get_members", "role:admin")))) {
            Image image = s.queuedImage(ALICE);
            s.services.members().add(ALICE, image.id(), "bob");
            assertForbidden(() -> s.services.members().list(ALICE, image.id()), "get_members");
            assertThat(s.services.members().list(ADMIN, image.id())).hasSize(1);
            assertThatThrownBy(() -> s.services.members().list(Services.user("carol"), image.id()))
                    .as("carol does not see the image at all").isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void theOwnershipChecksStayBesideThePolicy() {
        try (Services s = services(OsloPolicy.defaults(false))) {
            Image image = s.queuedImage("alice", Visibility.PUBLIC);
            assertThatThrownBy(() -> s.services.catalog().update(BOB, image.id(), rename("x")))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("owned by another project");
            assertThatThrownBy(() -> s.services.catalog().create(BOB, new CreateImageCommand(null, "x", null, null,
                    null, null, null, null, null, "alice", true, List.of(), Map.of())))
                    .isInstanceOf(ForbiddenException.class)
                    .hasMessageContaining("not permitted to create images owned by 'alice'");
        }
    }

    private static Services services(PolicyEnforcer policy) {
        return new Services(UploadLimits.defaults(), policy, new InMemoryStoreDriver("memory"));
    }

    private static CreateImageCommand publicImage() {
        return new CreateImageCommand(null, "pub", Visibility.PUBLIC, null, null, null, null, null, null, null, false,
                List.of(), Map.of());
    }

    private static List<PatchOperation> rename(String name) {
        return List.of(new PatchOperation(PatchOperation.Op.REPLACE, "name", name, false));
    }

    private static void assertForbidden(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String rule) {
        assertThatThrownBy(call).isInstanceOf(ForbiddenException.class).hasMessageContaining(rule);
    }
}
