package io.glance.adapters.store;

import io.glance.store.spi.ByteRange;
import io.glance.store.spi.ListedObject;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.UnsupportedCapabilityException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each operation needs its capability, checked before the driver is called. */
class GuardedStoreDriverTest {
    private static final URI LOCATION = URI.create("fake://store/img");

    private final FakeStoreFactory.FakeDriver driver = new FakeStoreFactory.FakeDriver("store", "fake", Map.of());

    @Test
    void everythingPassesWithEveryCapability() {
        StoreDriver guarded = new GuardedStoreDriver(driver, EnumSet.allOf(StoreCapability.class));

        guarded.put("img", new ByteArrayInputStream(new byte[0]), 0);
        guarded.get(LOCATION, null);
        guarded.get(LOCATION, new ByteRange(0, 1));
        guarded.size(LOCATION);
        guarded.delete(LOCATION);
        List<ListedObject> listed = new ArrayList<>();
        guarded.list(listed::add);

        assertThat(driver.calls).isEqualTo(6);
        assertThat(listed).hasSize(1);
    }

    @Test
    void listingsNeedList() {
        StoreDriver guarded = guardedWithout(StoreCapability.LIST);

        assertRefused(StoreCapability.LIST, () -> guarded.list(object -> { }));
        assertThat(driver.calls).isZero();
    }

    @Test
    void writesNeedWrite() {
        StoreDriver guarded = guardedWithout(StoreCapability.WRITE);

        assertRefused(StoreCapability.WRITE, () -> guarded.put("img", new ByteArrayInputStream(new byte[0]), 0));
    }

    @Test
    void readsAndSizesNeedRead() {
        StoreDriver guarded = guardedWithout(StoreCapability.READ);

        assertRefused(StoreCapability.READ, () -> guarded.get(LOCATION, null));
        assertRefused(StoreCapability.READ, () -> guarded.size(LOCATION));
    }

    @Test
    void rangedReadsNeedReadRange() {
        StoreDriver guarded = guardedWithout(StoreCapability.READ_RANGE);

        assertRefused(StoreCapability.READ_RANGE, () -> guarded.get(LOCATION, new ByteRange(0, 1)));
        ObjectData whole = guarded.get(LOCATION, null);
        assertThat(whole).isNotNull();
    }

    @Test
    void deletesNeedDelete() {
        StoreDriver guarded = guardedWithout(StoreCapability.DELETE);

        assertRefused(StoreCapability.DELETE, () -> guarded.delete(LOCATION));
    }

    @Test
    void aNullAnswerFromTheDriverIsRefusedNamingTheStore() {
        StoreDriver nullDriver = new FakeStoreFactory.FakeDriver("broken", "fake", Map.of()) {
            @Override
            public ObjectData get(URI location, ByteRange range) {
                return null;
            }
        };
        StoreDriver guarded = new GuardedStoreDriver(nullDriver, EnumSet.allOf(StoreCapability.class));

        assertThatThrownBy(() -> guarded.get(LOCATION, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'broken'")
                .hasMessageContaining("get");
    }

    @Test
    void closeAndDescribePassThrough() {
        StoreDriver guarded = new GuardedStoreDriver(driver, Set.of());

        assertThat(guarded.describe()).isEmpty();
        assertThat(guarded.storeId()).isEqualTo("store");
        guarded.close();
        assertThat(driver.closed).isTrue();
    }

    private StoreDriver guardedWithout(StoreCapability missing) {
        Set<StoreCapability> capabilities = EnumSet.allOf(StoreCapability.class);
        capabilities.remove(missing);
        return new GuardedStoreDriver(driver, capabilities);
    }

    private void assertRefused(StoreCapability capability, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("store")
                .satisfies(e -> assertThat(((UnsupportedCapabilityException) e).capability()).isEqualTo(capability));
        assertThat(driver.calls).as("calls that reached the driver").isZero();
    }
}
