package io.glance.application;

import io.glance.domain.ConflictException;
import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.Visibility;
import io.glance.ports.in.CreateImageCommand;
import io.glance.ports.in.PatchOperation;
import io.glance.store.spi.StoreCapability;
import io.glance.testing.InMemoryStoreDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.glance.application.Services.ADMIN;
import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadTest {
    private final Services fixture = new Services();

    @AfterEach
    void close() {
        fixture.close();
    }

    private Image upload(ImageId id, byte[] data, long declaredLength) {
        return fixture.services.data().upload(ALICE, id, new ByteArrayInputStream(data), declaredLength, null);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 64 * 1024 + 1, 10 * 1024 * 1024})
    void uploadActivatesTheImageWithSizeDigestsAndLocation(int size) {
        ImageId id = fixture.queuedImage(ALICE).id();
        byte[] data = TestData.bytes(size);
        fixture.clock.advance(Duration.ofSeconds(30));

        Image active = upload(id, data, -1);

        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.size()).isEqualTo(size);
        assertThat(active.checksums()).isEqualTo(new ImageChecksums(TestData.hex("MD5", data), "sha512",
                TestData.hex("SHA-512", data)));
        assertThat(active.locations()).singleElement().satisfies(location -> {
            assertThat(location.url()).isEqualTo("memory://memory/" + id);
            assertThat(location.storeId()).isEqualTo("memory");
        });
        assertThat(active.updatedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:30Z"));
        assertThat(fixture.stored(id)).isEqualTo(active);
        assertThat(fixture.store.bytesOf(id.value())).hasValueSatisfying(stored -> assertThat(stored).isEqualTo(data));
    }

    @Test
    void aDeclaredLengthIsPassedToTheStore() {
        ImageId id = fixture.queuedImage(ALICE).id();

        assertThat(upload(id, TestData.bytes(100), 100).size()).isEqualTo(100);
    }

    @Test
    void aDeclaredLengthTheDataDoesNotMatchIsInvalidAndLeavesTheImageQueued() {
        ImageId id = fixture.queuedImage(ALICE).id();

        assertThatThrownBy(() -> upload(id, TestData.bytes(100), 99))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("99");
        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(fixture.store.objectCount()).isZero();
    }

    @Test
    void onlyQueuedImagesTakeData() {
        ImageId id = fixture.queuedImage(ALICE).id();
        upload(id, new byte[] {1}, 1);

        assertThatThrownBy(() -> upload(id, new byte[] {2}, 1))
                .isInstanceOf(ConflictException.class).hasMessageContaining("active");
        assertThat(fixture.store.bytesOf(id.value())).hasValueSatisfying(data -> assertThat(data).containsExactly(1));
    }

    @Test
    void bothFormatsAreNeededBeforeData() {
        ImageId id = fixture.services.catalog().create(ALICE, Services.command("no formats")).id();

        assertThatThrownBy(() -> upload(id, new byte[] {1}, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("disk_format");
        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void onlyTheOwnerOrAnAdminUploads() {
        ImageId publicImage = fixture.queuedImage("alice", Visibility.PUBLIC).id();
        ImageId privateImage = fixture.queuedImage("alice", Visibility.PRIVATE).id();

        assertThatThrownBy(() -> fixture.services.data().upload(BOB, publicImage,
                new ByteArrayInputStream(new byte[1]), 1, null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> fixture.services.data().upload(BOB, privateImage,
                new ByteArrayInputStream(new byte[1]), 1, null)).isInstanceOf(NotFoundException.class);
        assertThat(fixture.services.data().upload(ADMIN, privateImage, new ByteArrayInputStream(new byte[1]), 1,
                null).status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(fixture.stored(publicImage).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void theClientChoosesAmongSeveralStores() {
        InMemoryStoreDriver fast = new InMemoryStoreDriver("fast");
        InMemoryStoreDriver cheap = new InMemoryStoreDriver("cheap");
        try (Services multi = new Services(UploadLimits.defaults(), fast, cheap)) {
            ImageId chosen = multi.queuedImage(ALICE).id();
            ImageId byDefault = multi.queuedImage(ALICE).id();

            Image inCheap = multi.services.data().upload(ALICE, chosen, new ByteArrayInputStream(new byte[3]), 3,
                    "cheap");
            Image inFast = multi.services.data().upload(ALICE, byDefault, new ByteArrayInputStream(new byte[3]), 3,
                    null);

            assertThat(inCheap.locations().get(0).storeId()).isEqualTo("cheap");
            assertThat(inFast.locations().get(0).storeId()).isEqualTo("fast");
            assertThat(cheap.bytesOf(chosen.value())).isPresent();
            assertThat(fast.bytesOf(byDefault.value())).isPresent();
        }
    }

    @Test
    void anUnknownStoreIsInvalidAndTheImageStaysQueued() {
        try (Services multi = new Services(UploadLimits.defaults(), new InMemoryStoreDriver("fast"),
                new InMemoryStoreDriver("cheap"))) {
            ImageId id = multi.queuedImage(ALICE).id();

            assertThatThrownBy(() -> multi.services.data().upload(ALICE, id, new ByteArrayInputStream(new byte[1]), 1,
                    "nowhere")).isInstanceOf(InvalidInputException.class).hasMessageContaining("nowhere");
            assertThat(multi.stored(id).status()).isEqualTo(ImageStatus.QUEUED);
        }
    }

    @Test
    void withOneStoreTheClientsChoiceIsIgnoredAsGlanceDoes() {
        ImageId id = fixture.queuedImage(ALICE).id();

        Image active = fixture.services.data().upload(ALICE, id, new ByteArrayInputStream(new byte[1]), 1, "nowhere");

        assertThat(active.locations().get(0).storeId()).isEqualTo("memory");
    }

    @Test
    void aReadOnlyStoreRefusesData() {
        InMemoryStoreDriver web = new InMemoryStoreDriver("web", Set.of(StoreCapability.READ));
        try (Services readOnly = new Services(UploadLimits.defaults(), web)) {
            ImageId id = readOnly.queuedImage(ALICE).id();

            assertThatThrownBy(() -> readOnly.services.data().upload(ALICE, id, new ByteArrayInputStream(new byte[1]),
                    1, null)).isInstanceOf(ForbiddenException.class).hasMessageContaining("web");
            assertThat(readOnly.stored(id).status()).isEqualTo(ImageStatus.QUEUED);
        }
    }

    @Test
    void metadataChangedDuringTheUploadIsKept() {
        ImageId id = fixture.queuedImage(ALICE).id();
        byte[] data = TestData.bytes(5000);

        Image active = fixture.services.data().upload(ALICE, id, TestData.withActionAfter(data, 1000, () ->
                fixture.services.catalog().update(ALICE, id, List.of(
                        new PatchOperation(PatchOperation.Op.ADD, "os_distro", "debian", false)))), -1, null);

        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.properties()).isEqualTo(Map.of("os_distro", "debian"));
    }

    @Test
    void uploadedImagesCanBeCreatedWithAdminOwnerNull() {
        Image image = fixture.services.catalog().create(ADMIN, new CreateImageCommand(null, "n", null, null, null,
                null, null, "raw", "bare", null, true, List.of(), Map.of()));

        assertThat(image.owner()).isNull();
        assertThat(fixture.services.data().upload(ADMIN, image.id(), new ByteArrayInputStream(new byte[2]), 2, null)
                .status()).isEqualTo(ImageStatus.ACTIVE);
        assertThatThrownBy(() -> fixture.services.catalog().delete(ALICE, image.id()))
                .isInstanceOf(ForbiddenException.class);
    }
}
