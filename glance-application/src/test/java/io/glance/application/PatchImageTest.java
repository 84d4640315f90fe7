package io.glance.application;

import io.glance.domain.ConflictException;
import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.LimitExceededException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import io.glance.ports.in.PatchOperation;
import io.glance.ports.in.PatchOperation.Op;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.glance.application.Services.ADMIN;
import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatchImageTest {
    private final Services fixture = new Services();
    private final ImageId id = fixture.queuedImage(ALICE).id();

    @AfterEach
    void close() {
        fixture.close();
    }

    private Image patch(RequestContext context, PatchOperation... operations) {
        return fixture.services.catalog().update(context, id, List.of(operations));
    }

    private Image patch(PatchOperation... operations) {
        return patch(ALICE, operations);
    }

    private static PatchOperation add(String path, Object value) {
        return new PatchOperation(Op.ADD, path, value, false);
    }

    private static PatchOperation strictAdd(String path, Object value) {
        return new PatchOperation(Op.ADD, path, value, true);
    }

    private static PatchOperation replace(String path, Object value) {
        return new PatchOperation(Op.REPLACE, path, value, false);
    }

    private static PatchOperation remove(String path) {
        return new PatchOperation(Op.REMOVE, path, null, false);
    }

    @Test
    void baseAttributesChangeAndAreSavedWithANewUpdatedAt() {
        fixture.clock.advance(Duration.ofSeconds(90));

        Image image = patch(replace("name", "new"), add("min_disk", 10L), add("min_ram", 2048L),
                replace("protected", true), replace("os_hidden", true), replace("visibility", "community"),
                replace("disk_format", "qcow2"), replace("container_format", "ovf"), add("tags", List.of("a", "b")));

        assertThat(image.name()).isEqualTo("new");
        assertThat(image.minDisk()).isEqualTo(10);
        assertThat(image.minRam()).isEqualTo(2048);
        assertThat(image.isProtected()).isTrue();
        assertThat(image.osHidden()).isTrue();
        assertThat(image.visibility()).isEqualTo(Visibility.COMMUNITY);
        assertThat(image.diskFormat()).isEqualTo("qcow2");
        assertThat(image.containerFormat()).isEqualTo("ovf");
        assertThat(image.tags()).containsExactly("a", "b");
        assertThat(image.updatedAt()).isEqualTo(Instant.parse("2026-03-01T10:01:30Z"));
        assertThat(fixture.stored(id)).isEqualTo(image);
    }

    @Test
    void addIsAnUpsertAndOperationsApplyInOrder() {
        Image image = patch(add("os_distro", "cirros"), add("os_distro", "debian"), replace("name", null),
                add("name", "final"));

        assertThat(image.properties()).containsExactly(Map.entry("os_distro", "debian"));
        assertThat(image.name()).isEqualTo("final");
    }

    @Test
    void strictAddOfAnExistingKeyConflicts() {
        patch(add("os_distro", "cirros"));

        assertThatThrownBy(() -> patch(strictAdd("os_distro", "debian")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("os_distro");
        assertThatThrownBy(() -> patch(strictAdd("name", "x")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("name");
        assertThat(patch(strictAdd("os_version", "12")).properties()).containsEntry("os_version", "12");
    }

    @Test
    void replaceOrRemoveOfAnAbsentPropertyConflicts() {
        assertThatThrownBy(() -> patch(replace("os_distro", "x")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("os_distro");
        assertThatThrownBy(() -> patch(remove("os_distro")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("os_distro");

        patch(add("os_distro", "x"));
        assertThat(patch(replace("os_distro", "y")).properties()).containsEntry("os_distro", "y");
        assertThat(patch(remove("os_distro")).properties()).isEmpty();
    }

    @Test
    void aFailingOperationSavesNothing() {
        Image before = fixture.stored(id);

        assertThatThrownBy(() -> patch(replace("name", "changed"), remove("absent")))
                .isInstanceOf(ConflictException.class);
        assertThat(fixture.stored(id)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "created_at", "updated_at", "status", "checksum", "size", "virtual_size",
            "os_hash_algo", "os_hash_value", "direct_url", "self", "file", "schema", "location", "deleted",
            "deleted_at", "os_glance_importing_to_stores"})
    void readOnlyAndReservedPathsAreForbiddenNamingThem(String path) {
        for (PatchOperation operation : List.of(add(path, "x"), replace(path, "x"), remove(path))) {
            assertThatThrownBy(() -> patch(operation))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining(path);
        }
    }

    @Test
    void locationsAreForbiddenWhileTheyAreInvisible() {
        assertThatThrownBy(() -> patch(add("locations", List.of()))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> patch(replace("locations", List.of()))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> patch(remove("locations"))).isInstanceOf(ForbiddenException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "visibility", "protected", "os_hidden", "min_disk", "min_ram", "disk_format",
            "container_format", "owner", "tags"})
    void baseAttributesCannotBeRemoved(String path) {
        assertThatThrownBy(() -> patch(remove(path)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining(path);
    }

    @Test
    void valuesOfTheWrongTypeAreInvalidNamingTheAttribute() {
        Map<PatchOperation, String> invalid = new java.util.LinkedHashMap<>();
        invalid.put(replace("min_disk", -1L), "min_disk");
        invalid.put(replace("min_ram", "512"), "min_ram");
        invalid.put(replace("min_disk", 1.5), "min_disk");
        invalid.put(replace("min_ram", 1L << 40), "min_ram");
        invalid.put(replace("protected", "yes"), "protected");
        invalid.put(replace("os_hidden", null), "os_hidden");
        invalid.put(replace("visibility", "everyone"), "everyone");
        invalid.put(replace("name", 7L), "name");
        invalid.put(replace("name", "n".repeat(256)), "name");
        invalid.put(replace("tags", "a"), "tags");
        invalid.put(replace("tags", List.of(1L)), "tags");
        invalid.put(replace("tags", List.of("t".repeat(256))), "256");
        invalid.put(add("os_distro", 1L), "os_distro");
        invalid.put(add("os_distro", null), "os_distro");
        invalid.put(replace("disk_format", "floppy"), "floppy");
        invalid.put(add("k".repeat(256), "v"), "k".repeat(256));
        invalid.forEach((operation, named) -> assertThatThrownBy(() -> patch(operation)).as(operation.toString())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(named));
    }

    @Test
    void integralDoublesCountAsIntegers() {
        assertThat(patch(replace("min_ram", 1024.0)).minRam()).isEqualTo(1024);
    }

    @Test
    void onlyAdminsMakeImagesPublic() {
        assertThatThrownBy(() -> patch(replace("visibility", "public"))).isInstanceOf(ForbiddenException.class);
        assertThat(patch(ADMIN, replace("visibility", "public")).visibility()).isEqualTo(Visibility.PUBLIC);
    }

    @Test
    void onlyAdminsChangeTheOwner() {
        assertThatThrownBy(() -> patch(replace("owner", "bob")))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("bob");
        assertThat(patch(add("owner", "alice")).owner()).isEqualTo("alice");
        assertThat(patch(ADMIN, replace("owner", "bob")).owner()).isEqualTo("bob");
    }

    @Test
    void formatsChangeOnlyBeforeDataArrives() {
        fixture.services.data().upload(ALICE, id, new ByteArrayInputStream(new byte[] {1}), 1, null);

        assertThatThrownBy(() -> patch(replace("disk_format", "raw")))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("disk_format");
        assertThatThrownBy(() -> patch(replace("container_format", "bare")))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("container_format");
        assertThat(patch(replace("name", "still allowed")).name()).isEqualTo("still allowed");
    }

    @Test
    void propertyAndTagQuotasApply() {
        List<PatchOperation> properties = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            properties.add(add("p" + i, "v"));
        }
        patch(properties.toArray(PatchOperation[]::new));
        assertThatThrownBy(() -> patch(add("p128", "v"))).isInstanceOf(LimitExceededException.class);
        assertThat(patch(replace("p0", "w")).properties()).hasSize(128);

        List<String> tags = java.util.stream.IntStream.rangeClosed(1, 129).mapToObj(i -> "t" + i).toList();
        assertThatThrownBy(() -> patch(replace("tags", tags))).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void callersWhoDoNotOwnTheImageCannotChangeIt() {
        Image shared = fixture.stored(id);
        fixture.services.members().add(ALICE, id, "bob");

        assertThatThrownBy(() -> patch(BOB, replace("name", "mine"))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> patch(Services.user("carol"), replace("name", "mine")))
                .isInstanceOf(NotFoundException.class);
        assertThat(fixture.stored(id).name()).isEqualTo(shared.name());
    }

    @Test
    void aStatusChangeBetweenReadAndSaveIsRetriedOnTheNewVersion() {
        // Another request starts an upload right after the PATCH read the image: the PATCH applies to saving.
        fixture.racing.afterNextFind(() -> {
            Image queued = fixture.stored(id);
            fixture.repository.update(queued.startUpload(fixture.clock.instant()), queued.status());
        });

        patch(replace("name", "x"));

        assertThat(fixture.stored(id).name()).isEqualTo("x");
        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.SAVING);
    }

    @Test
    void aFormatChangeRacingAnUploadIsDecidedOnTheVersionItWouldOverwrite() {
        fixture.racing.afterNextFind(() -> {
            Image queued = fixture.stored(id);
            fixture.repository.update(queued.startUpload(fixture.clock.instant()), queued.status());
        });

        assertThatThrownBy(() -> patch(replace("disk_format", "qcow2"))).isInstanceOf(ForbiddenException.class);
        assertThat(fixture.stored(id).diskFormat()).isEqualTo("raw");
    }

    @Test
    void aPropertySetBetweenReadAndSaveIsKept() {
        // The lost update of a plain read-modify-write: another PATCH adds a property after this one read the image.
        fixture.racing.afterNextFind(() -> {
            Image read = fixture.stored(id);
            fixture.repository.updateIfUnchanged(read, read.toBuilder()
                    .properties(Map.of("other", "1")).build());
        });

        patch(add("mine", "2"));

        assertThat(fixture.stored(id).properties()).containsEntry("other", "1").containsEntry("mine", "2");
    }

    @Test
    void anEmptyPatchChangesNothing() {
        Image before = fixture.stored(id);
        fixture.clock.advance(Duration.ofMinutes(1));

        assertThat(patch()).isEqualTo(before);
        assertThat(fixture.stored(id)).isEqualTo(before);
    }
}
