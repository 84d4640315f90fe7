package io.glance.importing.spi;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** SPI 1.1 and 1.2 keep 1.0's contexts and plugins working: what they added has a default that changes nothing. */
class ImportContextTest {

    @Test
    void aContextWrittenAgainstSpi10IgnoresWrittenUpTo() {
        ImportContext spi10 = new ImportContext() {
            @Override
            public String imageId() {
                return "id";
            }

            @Override
            public String method() {
                return "glance-direct";
            }

            @Override
            public Map<String, String> attributes() {
                return Map.of();
            }

            @Override
            public Set<String> callerRoles() {
                return Set.of();
            }

            @Override
            public Path stagedData() {
                return Path.of("/nonexistent/staged");
            }

            @Override
            public long sizeCap() {
                return 0;
            }

            @Override
            public void replaceStagedData(Path newData) {
                throw new AssertionError("not called");
            }

            @Override
            public void setAttributes(Map<String, String> attributes) {
                throw new AssertionError("not called");
            }
        };

        assertThatNoException().isThrownBy(() -> spi10.writtenUpTo(Path.of("/nonexistent/new"), 1L << 30));
        assertThat(spi10.arrivingStagedData()).isEmpty();
    }

    @Test
    void aPluginWrittenAgainstSpi10RunsOnlyOnCompleteData() {
        ImportPlugin spi10 = context -> {
        };

        assertThat(spi10.readsArrivingData()).isFalse();
    }
}
