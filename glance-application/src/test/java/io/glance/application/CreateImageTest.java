package io.glance.application;

import io.glance.domain.ConflictException;
import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.LimitExceededException;
import io.glance.domain.Visibility;
import io.glance.ports.in.CreateImageCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.glance.application.Services.ADMIN;
import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreateImageTest {
    private final Services fixture = new Services();

    @AfterEach
    void close() {
        fixture.close();
    }

    private Image create(CreateImageCommand command) {
        return fixture.services.catalog().create(ALICE, command);
    }

    private static CreateImageCommand withProperties(Map<String, String> properties) {
        return new CreateImageCommand(null, "n", null, null, null, null, null, null, null, null, false, List.of(),
                properties);
    }

    private static CreateImageCommand withTags(List<String> tags) {
        return new CreateImageCommand(null, "n", null, null, null, null, null, null, null, null, false, tags,
                Map.of());
    }

    @Test
    void defaultsAreQueuedSharedOwnedByTheCallerAtWholeSeconds() {
        Image image = create(command("cirros"));

        assertThat(image.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(image.visibility()).isEqualTo(Visibility.SHARED);
        assertThat(image.owner()).isEqualTo("alice");
        assertThat(image.isProtected()).isFalse();
        assertThat(image.osHidden()).isFalse();
        assertThat(image.minDisk()).isZero();
        assertThat(image.minRam()).isZero();
        assertThat(image.size()).isNull();
        assertThat(image.checksums()).isNull();
        assertThat(image.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z")).isEqualTo(image.updatedAt());
        assertThat(fixture.repository.findById(image.id())).contains(image);
    }

    @Test
    void givenAttributesAreKept() {
        ImageId id = new ImageId("8b5a5bd0-6c1e-4f1f-8f5d-7a0c8d9e1f20");
        Image image = create(new CreateImageCommand(id, "n", Visibility.COMMUNITY, true, true, 5, 512, "qcow2",
                "bare", null, false, List.of("b", "a", "b"), Map.of("os_distro", "cirros")));

        assertThat(image.id()).isEqualTo(id);
        assertThat(image.visibility()).isEqualTo(Visibility.COMMUNITY);
        assertThat(image.isProtected()).isTrue();
        assertThat(image.osHidden()).isTrue();
        assertThat(image.minDisk()).isEqualTo(5);
        assertThat(image.minRam()).isEqualTo(512);
        assertThat(image.diskFormat()).isEqualTo("qcow2");
        assertThat(image.tags()).containsExactly("b", "a");
        assertThat(image.properties()).containsExactly(Map.entry("os_distro", "cirros"));
    }

    @Test
    void duplicateIdConflictsEvenAfterDelete() {
        Image image = create(command("a"));
        fixture.services.catalog().delete(ALICE, image.id());

        assertThatThrownBy(() -> create(new CreateImageCommand(image.id(), "b", null, null, null, null, null, null,
                null, null, false, List.of(), Map.of())))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(image.id().value());
    }

    @Test
    void onlyAdminsCreatePublicImages() {
        CreateImageCommand publicImage = new CreateImageCommand(null, "p", Visibility.PUBLIC, null, null, null, null,
                null, null, null, false, List.of(), Map.of());

        assertThatThrownBy(() -> create(publicImage)).isInstanceOf(ForbiddenException.class);
        assertThat(fixture.services.catalog().create(ADMIN, publicImage).visibility()).isEqualTo(Visibility.PUBLIC);
    }

    @Test
    void onlyAdminsCreateImagesForOtherOwners() {
        CreateImageCommand forBob = new CreateImageCommand(null, "p", null, null, null, null, null, null, null, "bob",
                true, List.of(), Map.of());
        CreateImageCommand forAlice = new CreateImageCommand(null, "p", null, null, null, null, null, null, null,
                "alice", true, List.of(), Map.of());

        assertThatThrownBy(() -> create(forBob)).isInstanceOf(ForbiddenException.class).hasMessageContaining("bob");
        assertThat(create(forAlice).owner()).isEqualTo("alice");
        assertThat(fixture.services.catalog().create(ADMIN, forBob).owner()).isEqualTo("bob");
    }

    @ParameterizedTest
    @ValueSource(strings = {"created_at", "updated_at", "status", "checksum", "size", "virtual_size", "os_hash_algo",
            "os_hash_value", "direct_url", "self", "file", "schema", "stores", "location", "locations", "deleted",
            "deleted_at", "os_glance_import_task"})
    void readOnlyAndReservedKeysAreForbiddenNamingTheKey(String key) {
        assertThatThrownBy(() -> create(withProperties(Map.of(key, "x"))))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("'" + key + "'");
        assertThat(fixture.repository.allImages()).isEmpty();
    }

    @Test
    void propertyQuotaIs128() {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < 128; i++) {
            properties.put("p" + i, "v");
        }
        assertThat(create(withProperties(properties)).properties()).hasSize(128);

        properties.put("one_more", "v");
        assertThatThrownBy(() -> create(withProperties(properties)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("129");
    }

    @Test
    void tagsAreDeduplicatedAndLimitedInLengthAndNumber() {
        assertThat(create(withTags(List.of("x", "x", "y"))).tags()).containsExactly("x", "y");
        assertThat(create(withTags(List.of("t".repeat(255)))).tags()).hasSize(1);

        assertThatThrownBy(() -> create(withTags(List.of("t".repeat(256)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("256");
        List<String> tooMany = java.util.stream.IntStream.rangeClosed(1, 129).mapToObj(i -> "t" + i).toList();
        assertThatThrownBy(() -> create(withTags(tooMany))).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void invalidValuesAreRejectedNamingThem() {
        assertThatThrownBy(() -> create(new CreateImageCommand(null, "n", null, null, null, -1, null, null, null,
                null, false, List.of(), Map.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("min_disk");
        assertThatThrownBy(() -> create(new CreateImageCommand(null, "n", null, null, null, null, null, "floppy",
                null, null, false, List.of(), Map.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("floppy");
        assertThatThrownBy(() -> create(command("n".repeat(256)))).isInstanceOf(InvalidInputException.class);
    }
}
