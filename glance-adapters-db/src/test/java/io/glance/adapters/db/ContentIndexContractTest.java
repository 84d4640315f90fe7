package io.glance.adapters.db;

import io.glance.domain.ImageId;
import io.glance.ports.out.ContentIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every database must show through {@link ContentIndex} (content-addressed stores): one object per content,
 * references counted once per image, the last release unregistering the object and journalling its deletion, and
 * a journal each node reads for itself. A database joins by extending this class.
 */
abstract class ContentIndexContractTest {
    private static final String SHA = "a".repeat(128);
    private static final URI FIRST = URI.create("file:///store/11111111-1111-1111-1111-111111111111");
    private static final URI SECOND = URI.create("file:///store/22222222-2222-2222-2222-222222222222");
    private static final ImageId IMAGE_1 = new ImageId("7f0b7d2c-0b0e-4a3f-9d57-1f2a3b4c5d61");
    private static final ImageId IMAGE_2 = new ImageId("7f0b7d2c-0b0e-4a3f-9d57-1f2a3b4c5d62");

    private GlanceDatabase database;

    protected abstract GlanceDatabase openDatabase() throws Exception;

    @BeforeEach
    void openFreshDatabase() throws Exception {
        database = openDatabase();
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    protected GlanceDatabase database() {
        return database;
    }

    private ContentIndex index() {
        return database.contentIndex("node-1", Duration.ofDays(1));
    }

    @Test
    void theFirstClaimRegistersItsObjectAndLaterOnesCountAReference() {
        assertThat(index().claim("dd", SHA, 5, FIRST, IMAGE_1)).isEqualTo(FIRST);
        assertThat(index().claim("dd", SHA, 5, SECOND, IMAGE_2)).isEqualTo(FIRST);
        assertThat(index().claim("dd", SHA, 5, SECOND, IMAGE_2)).as("a repeated claim").isEqualTo(FIRST);

        assertThat(index().references("dd", FIRST)).isEqualTo(2);
        assertThat(index().references("dd", SECOND)).isZero();
        assertThat(index().referencedBy("dd", IMAGE_2)).containsExactly(FIRST);
        assertThat(index().claim("dd", SHA, 6, SECOND, IMAGE_2)).as("another size is another content")
                .isEqualTo(SECOND);
        assertThat(index().claim("other", SHA, 5, SECOND, IMAGE_1)).as("another store keeps its own")
                .isEqualTo(SECOND);
    }

    @Test
    void onlyTheLastReleaseUnregistersTheObjectAndJournalsItsDeletion() {
        index().claim("dd", SHA, 5, FIRST, IMAGE_1);
        index().claim("dd", SHA, 5, SECOND, IMAGE_2);

        ContentIndex.Release first = index().release("dd", FIRST, IMAGE_1);
        assertThat(first.registered()).isTrue();
        assertThat(first.deletion()).isEmpty();
        assertThat(index().release("dd", FIRST, IMAGE_1).deletion()).as("a repeated release").isEmpty();
        assertThat(index().references("dd", FIRST)).isEqualTo(1);

        ContentIndex.Release last = index().release("dd", FIRST, IMAGE_2);
        assertThat(last.registered()).isTrue();
        assertThat(last.deletion()).isPresent();
        assertThat(index().journal()).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo(last.deletion().get());
            assertThat(entry.location()).isEqualTo(FIRST);
            assertThat(entry.storeId()).isEqualTo("dd");
        });
        assertThat(index().release("dd", FIRST, IMAGE_2).registered()).as("released object").isFalse();
        assertThat(index().claim("dd", SHA, 5, SECOND, IMAGE_1)).as("the next upload registers its own")
                .isEqualTo(SECOND);
    }

    @Test
    void eachNodeReplaysItsOwnJournalAndOthersOnlyWhenOld() {
        String entry = index().journal("dd", FIRST, IMAGE_1);
        ContentIndex otherNode = database.contentIndex("node-2", Duration.ofDays(1));
        ContentIndex impatientNode = database.contentIndex("node-3", Duration.ofSeconds(-5));

        assertThat(index().journal()).extracting(ContentIndex.JournalEntry::id).containsExactly(entry);
        assertThat(otherNode.journal()).isEmpty();
        assertThat(impatientNode.journal()).extracting(ContentIndex.JournalEntry::id).containsExactly(entry);
        index().forget(entry);
        assertThat(index().journal()).isEmpty();
    }

    @Test
    void aReferenceWhoseImageDoesNotPointAtItIsStaleUnlessJournalled() {
        index().claim("dd", SHA, 5, FIRST, IMAGE_1);
        assertThat(index().pointsAt(IMAGE_1, FIRST)).as("no such image").isFalse();
        String entry = index().journal("dd", SECOND, IMAGE_1);
        assertThat(index().staleReferences()).as("an upload in flight").isEmpty();

        index().forget(entry);
        assertThat(index().staleReferences()).containsExactly(new ContentIndex.Reference("dd", FIRST, IMAGE_1));
    }

    /**
     * Concurrent claims of new bytes agree on one object, and none fails: on MariaDB the first claims deadlock now and
     * then (gap locks), so this runs often enough to meet a deadlock and proves it is retried, not answered 409.
     */
    @RepeatedTest(20)
    void concurrentClaimsOfNewBytesAgreeOnOneObject() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<URI>> claims = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                URI candidate = URI.create("file:///store/" + i);
                ImageId image = new ImageId("7f0b7d2c-0b0e-4a3f-9d57-1f2a3b4c5d7" + i);
                claims.add(threads.submit(() -> index().claim("dd", SHA, 9, candidate, image)));
            }
            URI winner = claims.get(0).get();
            for (Future<URI> claim : claims) {
                assertThat(claim.get()).isEqualTo(winner);
            }
            assertThat(index().references("dd", winner)).isEqualTo(8);
        } finally {
            threads.shutdownNow();
        }
    }
}
