package io.glance.server;

import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageStatus;
import io.glance.testing.InMemoryImageRepository;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The proxies are told exactly when an image stops having servable data: deleted or deactivated, once. */
class InvalidatingImageRepositoryTest {
    private static final Instant T = Instant.parse("2026-12-06T00:00:00Z");

    private final List<ImageId> told = new ArrayList<>();
    private final InMemoryImageRepository stored = new InMemoryImageRepository();
    private final InvalidatingImageRepository repository = new InvalidatingImageRepository(stored, told::add);

    private Image activeImage() {
        Image queued = Image.newImage(ImageId.random(), T).diskFormat("raw").containerFormat("bare").build();
        repository.create(queued);
        Image saving = repository.update(queued.startUpload(T), ImageStatus.QUEUED);
        return repository.update(saving.completeUpload(3, new ImageChecksums("a", "sha512", "b"),
                new ImageLocation("file:///x", Map.of()), T), ImageStatus.SAVING);
    }

    @Test
    void uploadsAndMetadataChangesTellNothing() {
        Image active = activeImage();
        repository.updateIfUnchanged(active, active.toBuilder().name("renamed").build());

        assertThat(told).isEmpty();
    }

    @Test
    void deactivationAndDeletionTellOnce() {
        Image active = activeImage();
        Image deactivated = repository.updateIfUnchanged(active, active.deactivate(T));
        Image deleted = repository.updateIfUnchanged(deactivated, deactivated.markDeleted(T));

        assertThat(told).containsExactly(active.id());
        assertThat(deleted.status()).isEqualTo(ImageStatus.DELETED);
    }

    @Test
    void deletingAnActiveImageTells() {
        Image active = activeImage();
        repository.update(active.markDeleted(T), ImageStatus.ACTIVE);

        assertThat(told).containsExactly(active.id());
    }
}
