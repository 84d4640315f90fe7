package io.glance.application;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.ports.out.UploadJournal;
import io.glance.testing.InMemoryImageRepository;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recovery at start, now a use case tested without files or a database: a node resets the uploads it started
 * itself at once, and another node's only when they are older than the grace period.
 */
class InterruptedUploadRecoveryTest {
    private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");
    private static final Duration GRACE = Duration.ofHours(1);

    private final InMemoryImageRepository repository = new InMemoryImageRepository();
    private final MapJournal journal = new MapJournal();

    @Test
    void ownUploadsAreResetAtOnceOthersOnlyAfterTheGracePeriod() {
        Image own = saving(1, NOW.minusSeconds(60));
        journal.started(own);
        Image othersRunning = saving(2, NOW.minusSeconds(60));
        Image othersStale = saving(3, NOW.minus(GRACE).minusSeconds(1));
        Image ownButSavedAgainSince = saving(4, NOW.minusSeconds(30));
        journal.entries.put(ownButSavedAgainSince.id(), NOW.minusSeconds(600));

        int reset = new InterruptedUploadRecovery(repository, journal, GRACE, Clock.fixed(NOW, ZoneOffset.UTC)).run();

        assertThat(reset).isEqualTo(2);
        assertThat(status(own)).isEqualTo(ImageStatus.QUEUED);
        assertThat(status(othersStale)).isEqualTo(ImageStatus.QUEUED);
        assertThat(status(othersRunning)).as("another node may still be uploading").isEqualTo(ImageStatus.SAVING);
        assertThat(status(ownButSavedAgainSince)).as("not the upload this node started")
                .isEqualTo(ImageStatus.SAVING);
        assertThat(journal.entries).as("dealt with, so forgotten").isEmpty();
    }

    @Test
    void theJournalFollowsUploadsThroughTheRepository() {
        JournalingImageRepository journaling = new JournalingImageRepository(repository, journal);
        Image queued = Image.newImage(id(5), NOW.minusSeconds(120)).owner("alice").build();
        journaling.create(queued);
        Image saving = journaling.updateIfUnchanged(queued, queued.startUpload(NOW.minusSeconds(60), false));
        assertThat(journal.startedAt(queued.id())).contains(saving.updatedAt());

        journaling.updateIfUnchanged(saving, saving.abortUpload(NOW));
        assertThat(journal.startedAt(queued.id())).isEmpty();
    }

    private Image saving(int n, Instant updatedAt) {
        Image image = Image.newImage(id(n), updatedAt.minusSeconds(60)).owner("alice")
                .status(ImageStatus.SAVING).updatedAt(updatedAt).build();
        repository.create(image);
        return image;
    }

    private ImageStatus status(Image image) {
        return repository.findById(image.id()).orElseThrow().status();
    }

    private static ImageId id(int n) {
        return new ImageId(String.format("00000000-0000-4000-8000-%012d", n));
    }

    /** The journal in memory, as a test double of the file-backed one at the edge. */
    private static final class MapJournal implements UploadJournal {
        final Map<ImageId, Instant> entries = new HashMap<>();

        @Override
        public void started(Image saving) {
            entries.put(saving.id(), saving.updatedAt());
        }

        @Override
        public void finished(ImageId id) {
            entries.remove(id);
        }

        @Override
        public Optional<Instant> startedAt(ImageId id) {
            return Optional.ofNullable(entries.get(id));
        }

        @Override
        public void clear() {
            entries.clear();
        }
    }
}
