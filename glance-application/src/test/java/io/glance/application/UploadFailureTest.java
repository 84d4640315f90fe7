package io.glance.application;

import io.glance.domain.ConflictException;
import io.glance.domain.GlanceException;
import io.glance.domain.GoneException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.LimitExceededException;
import io.glance.domain.ServiceUnavailableException;
import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.StorageFullException;
import io.glance.store.spi.StoreUnavailableException;
import io.glance.store.spi.WriteDeniedException;
import io.glance.testing.InMemoryStoreDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;

import static io.glance.application.Services.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every failed upload leaves the image queued, without data attributes, and nothing in the store. */
class UploadFailureTest {
    private static final long CAP = 10_000;

    private final Services fixture = new Services(new UploadLimits(CAP), new InMemoryStoreDriver("memory"));
    private final ImageId id = fixture.queuedImage(ALICE).id();

    @AfterEach
    void close() {
        fixture.close();
    }

    private void upload(InputStream data, long declaredLength) {
        fixture.services.data().upload(ALICE, id, data, declaredLength, null);
    }

    private void assertQueuedAndNothingStored() {
        Image image = fixture.stored(id);
        assertThat(image.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(image.size()).isNull();
        assertThat(image.checksums()).isNull();
        assertThat(image.locations()).isEmpty();
        assertThat(fixture.store.objectCount()).isZero();
    }

    @Test
    void dataOverTheSizeCapIsTooLargeNamingTheCap() {
        assertThatThrownBy(() -> upload(new ByteArrayInputStream(TestData.bytes((int) CAP + 1)), -1))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("image_size_cap")
                .hasMessageContaining(String.valueOf(CAP));
        assertQueuedAndNothingStored();
    }

    @Test
    void dataOfExactlyTheCapIsAccepted() {
        fixture.services.data().upload(ALICE, id, new ByteArrayInputStream(TestData.bytes((int) CAP)), -1, null);

        assertThat(fixture.stored(id).size()).isEqualTo(CAP);
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeReading() {
        assertThatThrownBy(() -> upload(TestData.failingAfter(0), CAP + 1))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining(String.valueOf(CAP));
        assertQueuedAndNothingStored();
    }

    /** The host holds every driver to the declared size (SPI 1.2): this fake driver does not check it itself. */
    @Test
    void dataOfAnotherLengthThanDeclaredIsInvalidInputWhateverTheDriver() {
        assertThatThrownBy(() -> upload(new ByteArrayInputStream(TestData.bytes(5000)), 5001))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("5001");
        assertQueuedAndNothingStored();
        assertThatThrownBy(() -> upload(new ByteArrayInputStream(TestData.bytes(5001)), 5000))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("5000");
        assertQueuedAndNothingStored();
    }

    @Test
    void aClientThatDisconnectsMidUploadIsInvalidInput() {
        assertThatThrownBy(() -> upload(TestData.failingAfter(5000), -1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Client disconnected")
                .hasMessageContaining("Connection reset by peer");
        assertQueuedAndNothingStored();
    }

    @Test
    void theImageCanBeUploadedAgainAfterAFailure() {
        assertThatThrownBy(() -> upload(TestData.failingAfter(5000), -1)).isInstanceOf(InvalidInputException.class);

        fixture.services.data().upload(ALICE, id, new ByteArrayInputStream(new byte[7]), 7, null);

        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void storeErrorsMapToTheirApiErrors() {
        assertStoreFailureMapsTo(new StorageFullException("disk full"), LimitExceededException.class);
        assertStoreFailureMapsTo(new WriteDeniedException("permission denied"), ServiceUnavailableException.class);
        assertStoreFailureMapsTo(new StoreUnavailableException("connection refused"),
                ServiceUnavailableException.class);
        assertStoreFailureMapsTo(new DuplicateObjectException("exists"), ConflictException.class);
    }

    private void assertStoreFailureMapsTo(RuntimeException storeFailure, Class<? extends GlanceException> expected) {
        fixture.store.failNextPut(storeFailure);

        assertThatThrownBy(() -> upload(new ByteArrayInputStream(new byte[100]), -1))
                .isInstanceOf(expected)
                .hasCause(storeFailure)
                .hasMessageContaining("memory")
                .hasMessageContaining(id.value());
        assertQueuedAndNothingStored();
    }

    @Test
    void anUnexpectedDriverBugPassesThroughAndStillCleansUp() {
        IllegalStateException bug = new IllegalStateException("driver bug");
        fixture.store.failNextPut(bug);

        assertThatThrownBy(() -> upload(new ByteArrayInputStream(new byte[100]), -1)).isSameAs(bug);
        assertQueuedAndNothingStored();
    }

    @Test
    void anImageDeletedDuringTheUploadIsGoneAndItsDataRemoved() {
        byte[] data = TestData.bytes(5000);

        assertThatThrownBy(() -> upload(TestData.withActionAfter(data, 1000,
                () -> fixture.services.catalog().delete(ALICE, id)), -1))
                .isInstanceOf(GoneException.class).hasMessageContaining(id.value());
        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.DELETED);
        assertThat(fixture.store.objectCount()).isZero();
    }

    @Test
    void anImageDeletedDuringAFailingUploadStaysDeleted() {
        fixture.store.failNextPut(new StorageFullException("disk full"));

        assertThatThrownBy(() -> upload(TestData.withActionAfter(TestData.bytes(5000), 1000,
                () -> fixture.services.catalog().delete(ALICE, id)), -1))
                .isInstanceOf(LimitExceededException.class);
        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.DELETED);
        assertThat(fixture.store.objectCount()).isZero();
    }

    @Test
    void afterCloseUploadsAreRefusedAndTheImageStaysQueued() {
        fixture.services.close();

        assertThatThrownBy(() -> upload(new ByteArrayInputStream(new byte[10]), 10))
                .isInstanceOf(ServiceUnavailableException.class);
        assertQueuedAndNothingStored();
    }

    @Test
    void failedUploadsLeaveNoDigestThreadBehind() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> upload(TestData.failingAfter(3000), -1))
                    .isInstanceOf(InvalidInputException.class);
            fixture.clock.advance(Duration.ofSeconds(1));
        }
        assertThat(DigestThreads.running()).isZero();
    }
}
