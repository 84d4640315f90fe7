package io.glance.application;

import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.Visibility;
import io.glance.ports.in.PatchOperation;
import io.glance.store.spi.StoreCapability;
import io.glance.testing.InMemoryStoreDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;

import static io.glance.application.Services.ADMIN;
import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeleteImageTest {
    private final Services fixture = new Services();

    @AfterEach
    void close() {
        fixture.close();
    }

    private ImageId activeImage() {
        ImageId id = fixture.queuedImage(ALICE).id();
        fixture.services.data().upload(ALICE, id, new ByteArrayInputStream(TestData.bytes(1000)), -1, null);
        return id;
    }

    @Test
    void deleteMarksTheImageDeletedAndRemovesItsData() {
        ImageId id = activeImage();
        assertThat(fixture.store.objectCount()).isEqualTo(1);

        fixture.services.catalog().delete(ALICE, id);

        Image deleted = fixture.stored(id);
        assertThat(deleted.status()).isEqualTo(ImageStatus.DELETED);
        assertThat(deleted.deletedAt()).isNotNull();
        assertThat(fixture.store.objectCount()).isZero();
        assertThat(fixture.repository.findById(id)).isEmpty();
    }

    @Test
    void protectedImagesCannotBeDeleted() {
        ImageId id = activeImage();
        fixture.services.catalog().update(ALICE, id,
                List.of(new PatchOperation(PatchOperation.Op.REPLACE, "protected", true, false)));

        assertThatThrownBy(() -> fixture.services.catalog().delete(ALICE, id))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining(id.value());
        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(fixture.store.objectCount()).isEqualTo(1);
    }

    @Test
    void onlyOwnersAndAdminsDelete() {
        ImageId publicImage = fixture.queuedImage("alice", Visibility.PUBLIC).id();
        ImageId privateImage = fixture.queuedImage("alice", Visibility.PRIVATE).id();

        assertThatThrownBy(() -> fixture.services.catalog().delete(BOB, publicImage))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> fixture.services.catalog().delete(BOB, privateImage))
                .isInstanceOf(NotFoundException.class);
        fixture.services.catalog().delete(ADMIN, privateImage);
        assertThat(fixture.stored(privateImage).status()).isEqualTo(ImageStatus.DELETED);
    }

    @Test
    void deletingTwiceIsNotFound() {
        ImageId id = fixture.queuedImage(ALICE).id();
        fixture.services.catalog().delete(ALICE, id);

        assertThatThrownBy(() -> fixture.services.catalog().delete(ALICE, id)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void dataAlreadyMissingFromTheStoreDoesNotFailTheDelete() {
        ImageId id = activeImage();
        fixture.store.delete(URI.create(fixture.stored(id).locations().get(0).url()));

        fixture.services.catalog().delete(ALICE, id);

        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.DELETED);
    }

    @Test
    void aStoreThatCannotDeleteLeavesTheDataButTheImageIsDeleted() {
        InMemoryStoreDriver keeper = new InMemoryStoreDriver("keeper",
                Set.of(StoreCapability.READ, StoreCapability.WRITE));
        try (Services keeping = new Services(UploadLimits.defaults(), keeper)) {
            ImageId id = keeping.queuedImage(ALICE).id();
            keeping.services.data().upload(ALICE, id, new ByteArrayInputStream(new byte[10]), 10, null);

            keeping.services.catalog().delete(ALICE, id);

            assertThat(keeping.stored(id).status()).isEqualTo(ImageStatus.DELETED);
            assertThat(keeper.objectCount()).isEqualTo(1);
        }
    }

    @Test
    void aStatusChangeBetweenReadAndSaveIsRetriedOnTheNewState() {
        ImageId id = fixture.queuedImage(ALICE).id();
        // An upload starts right after the delete read the image: the delete still wins, from saving.
        fixture.racing.afterNextFind(() -> {
            Image queued = fixture.stored(id);
            fixture.repository.update(queued.startUpload(fixture.clock.instant()), ImageStatus.QUEUED);
        });

        fixture.services.catalog().delete(ALICE, id);

        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.DELETED);
    }
}
