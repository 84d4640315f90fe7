package io.glance.store.tck;

import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoredObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.FilterInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Objects come back exactly as written, whatever their size and whether or not the size was announced. */
public interface WriteReadTck extends TckFixture {

    /** Large enough to expose buffering mistakes and any attempt to hold an object in memory. */
    long LARGE_OBJECT_SIZE = 64L * 1024 * 1024;

    /** Empty, one byte, and the edges of the 64 KiB chunk size most drivers use, plus one byte past 1 MiB. */
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 1024 * 1024 + 1})
    default void roundTripsObjectOfChunkBoundarySize(long size) throws IOException {
        StoredObject stored = write(newImageId(), size, size);

        assertContent(stored.location(), size, size);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, 64 * 1024 + 1})
    default void roundTripsObjectOfUnknownSize(long size) throws IOException {
        StoredObject stored = write(newImageId(), size, 7 + size, -1);

        assertContent(stored.location(), size, 7 + size);
    }

    @Test
    default void streamsLargeObject() throws IOException {
        StoredObject stored = write(newImageId(), LARGE_OBJECT_SIZE, 64);

        assertContent(stored.location(), LARGE_OBJECT_SIZE, 64);
    }

    @Test
    default void differentImagesGetDifferentLocations() throws IOException {
        StoredObject first = write(newImageId(), 100, 1);
        StoredObject second = write(newImageId(), 200, 2);

        assertThat(first.location()).isNotEqualTo(second.location());
        assertContent(first.location(), 100, 1);
        assertContent(second.location(), 200, 2);
    }

    /** The host owns the request stream (it still has to count and hash), so the driver must leave it open. */
    @Test
    default void putLeavesTheDataStreamOpen() {
        AtomicBoolean closed = new AtomicBoolean();
        FilterInputStream data = new FilterInputStream(new PatternInputStream(1000, 3)) {
            @Override
            public void close() throws IOException {
                closed.set(true);
                super.close();
            }
        };
        if (!supports(StoreCapability.WRITE)) {
            assertUnsupported(StoreCapability.WRITE, () -> driver().put(newImageId(), data, 1000));
            return;
        }

        driver().put(newImageId(), data, 1000);

        assertThat(closed).as("data stream closed by put").isFalse();
    }
}
