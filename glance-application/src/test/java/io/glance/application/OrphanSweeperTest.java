package io.glance.application;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageStatus;
import io.glance.ports.out.StoredLocations;
import io.glance.store.spi.StoreCapability;
import io.glance.testing.InMemoryStoreDriver;
import io.glance.testing.InMemoryStoreRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweeper's rules over in-memory stores and a database stand-in that records what it was asked. */
class OrphanSweeperTest {
    private static final Duration GRACE = Duration.ofHours(1);

    private final TestClock clock = new TestClock();
    private final InMemoryStoreDriver store = new InMemoryStoreDriver("a");
    private final FakeLocations locations = new FakeLocations();
    private final List<String> findings = new ArrayList<>();

    @Test
    void reportsOldUnreferencedObjectsOnlyAndDeletesNothingByDefault() {
        Instant old = clock.instant().minus(Duration.ofHours(2));
        locations.referenced.add(store.place("kept", new byte[3], old).location().toString());
        store.place("orphan", new byte[5], old);
        store.place("young", new byte[7], clock.instant().minus(Duration.ofMinutes(5)));

        SweepReport report = sweeper().sweep(GRACE, false, findings::add);

        assertThat(report.orphans()).extracting(SweepReport.Orphan::key).containsExactly("orphan");
        assertThat(report.orphans().get(0).deleted()).isFalse();
        assertThat(store.names()).containsExactlyInAnyOrder("kept", "orphan", "young");
        assertThat(findings).containsExactly("orphan store=a key=orphan location=memory://a/orphan size=5"
                + " last_modified=" + old);
        assertThat(report.summary()).contains("3 objects listed, 1 orphans (5 bytes, 0 deleted)");
    }

    @Test
    void deletesOrphansWhenAskedButNotOneAnImageRecordedMeanwhile() {
        Instant old = clock.instant().minus(Duration.ofDays(2));
        store.place("orphan", new byte[1], old);
        String raced = store.place("raced", new byte[1], old).location().toString();
        locations.recordedAfterTheBatch.add(raced);

        SweepReport report = sweeper().sweep(GRACE, true, findings::add);

        assertThat(store.names()).containsExactly("raced");
        assertThat(report.orphans()).extracting(SweepReport.Orphan::key, SweepReport.Orphan::deleted)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("orphan", true),
                        org.assertj.core.groups.Tuple.tuple("raced", false));
        assertThat(report.deletedCount()).isEqualTo(1);
    }

    @Test
    void reportsActiveImagesWhoseDataIsGone() {
        String present = store.place("present", new byte[2]).location().toString();
        locations.referenced.add(present);
        Image whole = activeImage(present);
        Image broken = activeImage("memory://a/" + UUID.randomUUID());
        locations.active.addAll(List.of(whole, broken));

        SweepReport report = sweeper().sweep(GRACE, false, findings::add);

        assertThat(report.missing()).extracting(SweepReport.MissingData::imageId)
                .containsExactly(broken.id().value());
        assertThat(findings).containsExactly("missing image=" + broken.id() + " store=a location="
                + broken.locations().get(0).url());
    }

    @Test
    void storesThatDoNotListAreLeftAlone() {
        InMemoryStoreDriver web = new InMemoryStoreDriver("web", Set.of(StoreCapability.READ));
        web.place("anything", new byte[1], Instant.EPOCH);

        SweepReport report = new OrphanSweeper(locations, InMemoryStoreRegistry.of(store, web), clock)
                .sweep(Duration.ZERO, true, findings::add);

        assertThat(report.orphanCount()).isZero();
        assertThat(web.names()).containsExactly("anything");
    }

    @Test
    void comparesInBatchesAndKeepsABoundedReport() {
        Instant old = clock.instant().minus(Duration.ofDays(1));
        for (int i = 0; i < 1200; i++) {
            store.place("o" + i, new byte[1], old);
        }

        SweepReport report = sweeper().sweep(GRACE, false, findings::add);

        assertThat(locations.batchSizes).containsExactly(500, 500, 200);
        assertThat(report.orphanCount()).isEqualTo(1200);
        assertThat(report.orphans()).hasSize(SweepReport.KEPT);
        assertThat(findings).hasSize(1200);
    }

    private OrphanSweeper sweeper() {
        return new OrphanSweeper(locations, InMemoryStoreRegistry.of(store), clock);
    }

    private Image activeImage(String url) {
        return Image.newImage(new ImageId(UUID.randomUUID().toString()), clock.instant()).status(ImageStatus.ACTIVE)
                .locations(List.of(new ImageLocation(url, Map.of()))).build();
    }

    /** Answers from sets; a location in {@code recordedAfterTheBatch} becomes referenced after its first query. */
    private static final class FakeLocations implements StoredLocations {
        final Set<String> referenced = new HashSet<>();
        final Set<String> recordedAfterTheBatch = new HashSet<>();
        final List<Image> active = new ArrayList<>();
        final List<Integer> batchSizes = new ArrayList<>();

        @Override
        public Set<String> referenced(Collection<String> urls) {
            Set<String> answer = new HashSet<>();
            for (String url : urls) {
                if (referenced.contains(url)) {
                    answer.add(url);
                }
            }
            if (urls.size() > 1) {
                batchSizes.add(urls.size());
            }
            referenced.addAll(recordedAfterTheBatch);
            return answer;
        }

        @Override
        public List<Image> activeAfter(String afterId, int limit) {
            return active.stream().filter(image -> image.id().value().compareTo(afterId) > 0)
                    .sorted((a, b) -> a.id().value().compareTo(b.id().value())).limit(limit).toList();
        }
    }
}
