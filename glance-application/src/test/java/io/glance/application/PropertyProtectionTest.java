package io.glance.application;

import io.glance.adapters.policy.OsloPolicy;
import io.glance.adapters.policy.PropertyProtectionRules;
import io.glance.domain.ConflictException;
import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.RequestContext;
import io.glance.ports.in.CreateImageCommand;
import io.glance.ports.in.PatchOperation;
import io.glance.ports.out.ImageQuery;
import io.glance.testing.InMemoryStoreDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Property protections in roles format at the use cases: hidden properties are absent from every image the caller
 * gets, refused writes are 403 (Glance's "Attribute '...' is reserved."), and what a caller cannot see it cannot
 * replace or remove but does not destroy either.
 */
class PropertyProtectionTest {
    private static final RequestContext MEMBER = new RequestContext("req-m", "alice", Set.of("member"), false);
    private static final RequestContext BILLING = new RequestContext("req-b", "alice", Set.of("member", "billing"),
            false);
    private static final RequestContext ADMIN = Services.ADMIN;

    @TempDir
    Path directory;
    private Services s;

    @BeforeEach
    void start() throws IOException {
        Path file = directory.resolve("property-protections.conf");
        Files.writeString(file, """
                [^x_billing_]
                create = billing,admin
                read = billing,admin
                update = billing
                delete = admin

                [^x_readonly_]
                create = admin
                read = @
                update = admin
                delete = admin

                [.*]
                create = @
                read = @
                update = @
                delete = @
                """);
        s = new Services(UploadLimits.defaults(), OsloPolicy.defaults(false),
                PropertyProtectionRules.read(file, PropertyProtectionRules.RuleFormat.ROLES)
                        .enforcedWith(OsloPolicy.defaults(false)),
                ImageQuotas.defaults(), new InMemoryStoreDriver("memory"));
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void creatingAProtectedPropertyIsRefusedToARoleTheFileDoesNotAllow() {
        assertThatThrownBy(() -> s.services.catalog().create(MEMBER, withProperties(Map.of("x_billing_code", "7"))))
                .isInstanceOf(ForbiddenException.class).hasMessage("Attribute 'x_billing_code' is reserved.");
        Image image = s.services.catalog().create(BILLING, withProperties(Map.of("x_billing_code", "7",
                "os_distro", "cirros")));
        assertThat(image.properties()).containsEntry("x_billing_code", "7");
    }

    @Test
    void aPropertyTheCallerMayNotReadIsAbsentFromEveryImageItGets() {
        Image image = s.services.catalog().create(BILLING, withProperties(Map.of("x_billing_code", "7",
                "os_distro", "cirros")));
        assertThat(s.services.catalog().show(MEMBER, image.id()).properties())
                .containsOnlyKeys("os_distro");
        assertThat(s.services.catalog().list(MEMBER, ImageQuery.firstPage(25))).singleElement()
                .satisfies(listed -> assertThat(listed.properties()).containsOnlyKeys("os_distro"));
        assertThat(s.services.catalog().update(MEMBER, image.id(), List.of(
                new PatchOperation(PatchOperation.Op.ADD, "os_version", "6", false))).properties())
                .containsOnlyKeys("os_distro", "os_version");
        byte[] data = TestData.bytes(10);
        assertThat(s.services.data().upload(MEMBER, image.id(), new ByteArrayInputStream(data), 10, null)
                .properties()).doesNotContainKey("x_billing_code");
        assertThat(s.services.data().download(MEMBER, image.id(), null).orElseThrow().image().properties())
                .doesNotContainKey("x_billing_code");
        assertThat(s.stored(image.id()).properties()).as("hidden, not lost").containsEntry("x_billing_code", "7");
        assertThat(s.services.catalog().show(ADMIN, image.id()).properties()).containsKey("x_billing_code");
    }

    @Test
    void updatesAndDeletesFollowTheirOwnRules() {
        Image image = s.services.catalog().create(ADMIN, withOwnerAndProperties(Map.of("x_billing_code", "7",
                "x_readonly_tier", "gold")));
        assertThatThrownBy(() -> s.services.catalog().update(MEMBER, image.id(), replace("x_readonly_tier", "x")))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("'x_readonly_tier' is reserved");
        assertThat(s.services.catalog().update(BILLING, image.id(), replace("x_billing_code", "8")).properties())
                .containsEntry("x_billing_code", "8");
        assertThatThrownBy(() -> s.services.catalog().update(BILLING, image.id(), List.of(
                new PatchOperation(PatchOperation.Op.REMOVE, "x_billing_code", null, false))))
                .as("billing may update but not delete").isInstanceOf(ForbiddenException.class);
        s.services.catalog().update(ADMIN, image.id(), List.of(
                new PatchOperation(PatchOperation.Op.REMOVE, "x_billing_code", null, false)));
        assertThat(s.stored(image.id()).properties()).doesNotContainKey("x_billing_code");
    }

    @Test
    void whatTheCallerCannotSeeItCannotReplaceOrRemove() {
        Image image = s.services.catalog().create(ADMIN, withOwnerAndProperties(Map.of("x_billing_code", "7")));
        assertThatThrownBy(() -> s.services.catalog().update(MEMBER, image.id(), replace("x_billing_code", "8")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> s.services.catalog().update(MEMBER, image.id(), List.of(
                new PatchOperation(PatchOperation.Op.REMOVE, "x_billing_code", null, false))))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> s.services.catalog().update(MEMBER, image.id(), List.of(
                new PatchOperation(PatchOperation.Op.ADD, "x_billing_code", "8", false))))
                .as("adding it is a create, which member may not").isInstanceOf(ForbiddenException.class);
        assertThat(s.stored(image.id()).properties()).containsEntry("x_billing_code", "7");
    }

    private static List<PatchOperation> replace(String key, String value) {
        return List.of(new PatchOperation(PatchOperation.Op.REPLACE, key, value, false));
    }

    private static CreateImageCommand withProperties(Map<String, String> properties) {
        return new CreateImageCommand(null, "img", null, null, null, null, null, "raw", "bare", null, false,
                List.of(), properties);
    }

    /** Created by the admin for alice's project, so that alice's callers may change it. */
    private static CreateImageCommand withOwnerAndProperties(Map<String, String> properties) {
        return new CreateImageCommand(null, "img", null, null, null, null, null, "raw", "bare", "alice", true,
                List.of(), properties);
    }
}
