package io.glance.store.tck;

import io.glance.store.spi.ByteRange;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoredObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Byte ranges (already resolved against the object size by the host) deliver exactly their bytes. */
public interface RangeTck extends TckFixture {

    /** Spans several 64 KiB chunks so that ranges can start, end and cross inside them. */
    long RANGE_OBJECT_SIZE = 200_000;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "first byte,              0,      1",
            "last byte,               199999, 1",
            "across a chunk boundary, 65535,  2",
            "middle,                  1000,   150000",
            "whole object,            0,      200000",
    })
    default void readsRange(String description, long offset, long length) throws IOException {
        StoredObject stored = write(newImageId(), RANGE_OBJECT_SIZE, 11);
        ByteRange range = new ByteRange(offset, length);

        if (!supports(StoreCapability.READ_RANGE)) {
            assertUnsupported(StoreCapability.READ_RANGE, () -> driver().get(stored.location(), range));
            return;
        }
        ObjectData data = driver().get(stored.location(), range);
        try (InputStream stream = data.stream()) {
            assertThat(data.length()).as("length of %s", range).isEqualTo(length);
            assertThat(data.objectSize()).as("object size").isEqualTo(RANGE_OBJECT_SIZE);
            assertThat(Digests.of(stream)).as("content of %s", range).isEqualTo(expectedRange(offset, length));
        }
    }

    @Test
    default void rangeOfMissingObjectIsNotFound() {
        URI missing = missingLocation(newImageId());
        ByteRange range = new ByteRange(0, 1);

        if (!supports(StoreCapability.READ_RANGE)) {
            assertUnsupported(StoreCapability.READ_RANGE, () -> driver().get(missing, range));
            return;
        }
        assertThatThrownBy(() -> driver().get(missing, range)).isInstanceOf(ObjectNotFoundException.class);
    }

    private static Digests.Content expectedRange(long offset, long length) {
        PatternInputStream pattern = new PatternInputStream(offset + length, 11);
        assertThat(pattern.skip(offset)).isEqualTo(offset);
        return Digests.of(pattern);
    }
}
