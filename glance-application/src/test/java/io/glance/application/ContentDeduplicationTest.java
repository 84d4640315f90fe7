package io.glance.application;

import io.glance.domain.ImageId;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.ContentIndex;
import io.glance.store.spi.StoredObject;
import io.glance.testing.InMemoryStoreDriver;
import io.glance.testing.InMemoryStoreRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ContentDeduplication} over the in-memory driver and a hand-written in-memory {@link ContentIndex}: the
 * write path, the release path, and what {@link ContentDeduplication#recover()} makes of each place a crash can cut
 * them (the real index and a real glance-api killed at each step are in H2ContentIndexTest and
 * DedupCrashEndToEndTest).
 */
class ContentDeduplicationTest {
    private static final String SHA = "b".repeat(128);
    private final InMemoryStoreDriver driver = new InMemoryStoreDriver("dd");
    private final ConfiguredStore store = new ConfiguredStore("dd", "memory", null, true, driver.capabilities(),
            Map.of(), driver, true);
    private final FakeIndex index = new FakeIndex();
    private final ContentDeduplication dedup = new ContentDeduplication(index,
            new InMemoryStoreRegistry(List.of(store), true), DedupCheckpoints.none());

    @Test
    void identicalWritesKeepOneObjectAndOnlyTheLastReleaseDeletesIt() {
        ImageId first = image();
        ImageId second = image();
        URI kept = write(first, true);
        URI shared = write(second, true);

        assertThat(shared).isEqualTo(kept);
        assertThat(driver.objectCount()).isEqualTo(1);
        assertThat(dedup.release(store, kept, first)).isEmpty();
        assertThat(driver.objectCount()).as("the second image still refers to it").isEqualTo(1);
        assertThat(dedup.release(store, kept, second)).isEmpty();
        assertThat(driver.objectCount()).isZero();
        assertThat(index.journal).isEmpty();
    }

    @Test
    void writesUnderRandomNamesNotImageIds() {
        ImageId id = image();
        ContentDeduplication.Write write = dedup.begin(store, id);
        assertThat(write.name()).isNotEqualTo(id.value());
        assertThat(write.location()).isEqualTo(driver.locationOf(write.name()));
        ConfiguredStore plain = new ConfiguredStore("plain", "memory", null, false, driver.capabilities(), Map.of(),
                driver);
        assertThat(dedup.begin(plain, id).name()).as("a store without dedup").isEqualTo(id.value());
    }

    @Test
    void aWriteCutBeforeItsClaimIsDeletedAtTheNextStart() {
        ContentDeduplication.Write write = dedup.begin(store, image());
        driver.put(write.name(), new ByteArrayInputStream(new byte[10]), 10);

        assertThat(dedup.recover()).isEqualTo(1);
        assertThat(driver.objectCount()).isZero();
        assertThat(index.journal).isEmpty();
    }

    @Test
    void aClaimWhoseImageNeverCameToPointAtItIsDroppedAtTheNextStart() {
        ImageId base = image();
        URI object = write(base, true);
        ImageId cut = image();
        ContentDeduplication.Write write = dedup.begin(store, cut);
        StoredObject copy = driver.put(write.name(), new ByteArrayInputStream(new byte[10]), 10);
        assertThat(dedup.adopt(write, copy, SHA).location()).isEqualTo(object);

        dedup.recover();

        assertThat(index.references.get(object)).containsExactly(base);
        assertThat(driver.objectCount()).as("the copy is gone, the shared object stays").isEqualTo(1);
        assertThat(index.journal).isEmpty();
    }

    @Test
    void aClaimWhoseImageDoesPointAtItIsKeptAtTheNextStart() {
        ImageId id = image();
        ContentDeduplication.Write write = dedup.begin(store, id);
        StoredObject written = driver.put(write.name(), new ByteArrayInputStream(new byte[10]), 10);
        URI object = dedup.adopt(write, written, SHA).location();
        index.pointing.add(id + " " + object);

        dedup.recover();

        assertThat(index.references.get(object)).containsExactly(id);
        assertThat(driver.objectCount()).isEqualTo(1);
        assertThat(index.journal).isEmpty();
    }

    @Test
    void aReleaseCutBeforeTheDeleteIsFinishedAtTheNextStart() {
        ImageId id = image();
        URI object = write(id, true);
        index.pointing.remove(id + " " + object);
        index.release("dd", object, id); // the last reference goes and the deletion is journalled; then the crash

        dedup.recover();

        assertThat(driver.objectCount()).isZero();
        assertThat(index.journal).isEmpty();
    }

    private URI write(ImageId id, boolean points) {
        ContentDeduplication.Write write = dedup.begin(store, id);
        StoredObject written = driver.put(write.name(), new ByteArrayInputStream(new byte[10]), 10);
        URI object = dedup.adopt(write, written, SHA).location();
        if (points) {
            index.pointing.add(id + " " + object);
        }
        dedup.finish(write);
        return object;
    }

    private static ImageId image() {
        return new ImageId(UUID.randomUUID().toString());
    }

    /** The index's contract in memory, for one store. */
    private static final class FakeIndex implements ContentIndex {
        final Map<String, JournalEntry> journal = new LinkedHashMap<>();
        final Map<String, URI> contents = new HashMap<>();
        final Map<URI, Set<ImageId>> references = new HashMap<>();
        final Set<String> pointing = new HashSet<>();

        @Override
        public String journal(String storeId, URI location, ImageId image) {
            String id = UUID.randomUUID().toString();
            journal.put(id, new JournalEntry(id, storeId, location, image));
            return id;
        }

        @Override
        public void forget(String entryId) {
            journal.remove(entryId);
        }

        @Override
        public List<JournalEntry> journal() {
            return List.copyOf(journal.values());
        }

        @Override
        public URI claim(String storeId, String sha512, long size, URI candidate, ImageId image) {
            URI location = contents.computeIfAbsent(sha512 + size, key -> candidate);
            references.computeIfAbsent(location, key -> new HashSet<>()).add(image);
            return location;
        }

        @Override
        public Release release(String storeId, URI location, ImageId image) {
            Set<ImageId> holders = references.get(location);
            if (holders == null) {
                return new Release(false, Optional.empty());
            }
            holders.remove(image);
            if (!holders.isEmpty()) {
                return new Release(true, Optional.empty());
            }
            references.remove(location);
            contents.values().remove(location);
            return new Release(true, Optional.of(journal(storeId, location, image)));
        }

        @Override
        public boolean pointsAt(ImageId image, URI location) {
            return pointing.contains(image + " " + location);
        }

        @Override
        public List<Reference> staleReferences() {
            List<Reference> stale = new ArrayList<>();
            references.forEach((location, holders) -> holders.stream()
                    .filter(image -> !pointsAt(image, location))
                    .filter(image -> journal.values().stream().noneMatch(entry -> entry.image().equals(image)))
                    .forEach(image -> stale.add(new Reference("dd", location, image))));
            return stale;
        }

        @Override
        public List<URI> referencedBy(String storeId, ImageId image) {
            return references.entrySet().stream().filter(entry -> entry.getValue().contains(image))
                    .map(Map.Entry::getKey).toList();
        }

        @Override
        public int references(String storeId, URI location) {
            return references.getOrDefault(location, Set.of()).size();
        }
    }
}
