package io.glance.testing;

import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;
import io.glance.store.tck.DedupTck;
import io.glance.store.tck.StoreDriverTck;
import io.glance.testing.DefectiveStoreDriver.Defect;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs the TCK against drivers with one known defect each and checks that it fails exactly where it should, and
 * that it never skips (but for the dedup cases of a driver that does not declare DEDUP): a TCK that passes broken
 * drivers would be worse than none. It lives beside the in-memory driver it breaks (store-tck cannot depend on
 * glance-testing, which runs the TCK).
 */
class TckCatchesBrokenDriversTest {

    @Test
    void driverLeavingPartialsBehindFailsTheCleanupTests() {
        Events tests = run(KeepsPartialsTckTest.class);

        assertThat(failedTests(tests)).containsExactlyInAnyOrder(
                "dataOfAnotherSizeThanAnnouncedIsRefusedByTheHostAndLeavesNothing",
                "dataOfAnotherSizeThanAnnouncedIsRefusedByTheHostAndLeavesNothing",
                "clientStreamFailureLeavesNothing",
                "clientStreamFailureLeavesNothing",
                "hostFailureInsideTheStreamPropagatesUnchangedAndLeavesNothing");
    }

    @Test
    void driverReplacingExistingObjectsFailsTheDuplicateTests() {
        Events tests = run(ReplacesExistingTckTest.class);

        assertThat(failedTests(tests)).containsExactlyInAnyOrder(
                "duplicatePutIsRefusedAndKeepsTheOriginal",
                "concurrentWritersOfTheSameImage");
    }

    /** A read-only store whose driver writes and lists anyway: every write, range, delete and list expectation fails. */
    @Test
    void driverIgnoringItsDeclaredCapabilitiesFailsWhereverItShouldRefuse() {
        Events tests = run(IgnoresCapabilitiesTckTest.class);

        assertThat(failedTests(tests))
                .contains("roundTripsObjectOfChunkBoundarySize", "readsRange", "deletedObjectIsGone",
                        "duplicatePutIsRefusedAndKeepsTheOriginal", "concurrentWritersOfTheSameImage",
                        "listingAnEmptyStoreDeliversNothing", "aFailureOfTheSinkEndsTheListingUnchanged")
                .doesNotContain("readingMissingObjectIsNotFound", "testClassNameEndsWithTckTest");
    }

    @Test
    void tckClassesMustBeNamedSo() {
        Events tests = run(KeepsPartialsTckTest.class);

        assertThat(failedTests(tests)).doesNotContain("testClassNameEndsWithTckTest");
        assertThat(failedTests(run(BadlyNamedDriverCheck.class))).contains("testClassNameEndsWithTckTest");
    }

    private static Events run(Class<?> tckClass) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(tckClass)).execute().testEvents();
        assertThat(tests.skipped().count()).as("skipped TCK tests").isZero();
        // DedupTck's cases are the only ones aborted (by their assumption), and only for a driver without DEDUP.
        assertThat(tests.aborted().stream().map(event -> event.getTestDescriptor().getDisplayName()
                        .replaceFirst("\\(.*", "")))
                .as("aborted TCK tests").allMatch(TckCatchesBrokenDriversTest::isDedupCase);
        return tests;
    }

    private static boolean isDedupCase(String method) {
        return java.util.Arrays.stream(DedupTck.class.getDeclaredMethods())
                .anyMatch(declared -> declared.getName().equals(method) && declared.isAnnotationPresent(Test.class));
    }

    private static List<String> failedTests(Events tests) {
        return tests.failed().stream()
                .map(event -> event.getTestDescriptor().getUniqueId().getSegments().stream()
                        .filter(segment -> segment.getType().equals("method")
                                || segment.getType().equals("test-template"))
                        .findFirst().orElseThrow().getValue().replaceFirst("\\(.*", ""))
                .toList();
    }

    /** A TCK run over the in-memory driver with some defects; nested, so the build does not run it directly. */
    abstract static class DefectiveDriverTckTest extends StoreDriverTck {
        private InMemoryStoreDriver memory;
        private DefectiveStoreDriver driver;

        abstract Set<Defect> defects();

        /** What the driver can really do; more than it declares for a driver that ignores its capabilities. */
        Set<StoreCapability> actualCapabilities() {
            return declaredCapabilities();
        }

        @Override
        protected StoreDriver createDriver(Path tmp) {
            memory = new InMemoryStoreDriver("broken", actualCapabilities());
            driver = new DefectiveStoreDriver(memory, defects(), memory::locationOf, memory::names);
            return driver;
        }

        @Override
        protected StoreDriver reopenDriver(Path tmp) {
            return new DefectiveStoreDriver(memory.reopened(), defects(), memory::locationOf, memory::names);
        }

        @Override
        protected Set<StoreCapability> declaredCapabilities() {
            return EnumSet.allOf(StoreCapability.class);
        }

        @Override
        protected List<String> listStoredNames() {
            return driver.names();
        }

        @Override
        protected URI absentLocation(String imageId) {
            return memory.locationOf(imageId);
        }
    }

    static class KeepsPartialsTckTest extends DefectiveDriverTckTest {
        @Override
        Set<Defect> defects() {
            return EnumSet.of(Defect.KEEPS_PARTIALS);
        }
    }

    static class ReplacesExistingTckTest extends DefectiveDriverTckTest {
        @Override
        Set<Defect> defects() {
            return EnumSet.of(Defect.REPLACES_EXISTING);
        }
    }

    static class IgnoresCapabilitiesTckTest extends DefectiveDriverTckTest {
        @Override
        Set<Defect> defects() {
            return Set.of();
        }

        @Override
        Set<StoreCapability> actualCapabilities() {
            return EnumSet.allOf(StoreCapability.class);
        }

        @Override
        protected Set<StoreCapability> declaredCapabilities() {
            return EnumSet.of(StoreCapability.READ);
        }

        /** The defect makes put work, so it can seed the objects the read tests need. */
        @Override
        protected StoredObject seedObject(String imageId, InputStream data, long size) {
            return driver().put(imageId, data, size);
        }
    }

    static class BadlyNamedDriverCheck extends DefectiveDriverTckTest {
        @Override
        Set<Defect> defects() {
            return Set.of();
        }
    }
}
