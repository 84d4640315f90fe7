package io.glance.store.tck;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailingInputStreamTest {

    @Test
    void deliversThePatternThenThrowsTheGivenFailure() {
        IOException failure = new IOException("gone");
        FailingInputStream stream = FailingInputStream.ioFailureAfter(10_000, 4, failure);
        byte[] buffer = new byte[4096];

        assertThatThrownBy(() -> {
            long total = 0;
            for (int count = stream.read(buffer); ; count = stream.read(buffer)) {
                total += count;
                assertThat(total).isLessThanOrEqualTo(10_000);
            }
        }).isSameAs(failure);
    }

    @Test
    void throwsRuntimeFailuresUnchanged() {
        IllegalStateException failure = new IllegalStateException("cap");
        FailingInputStream stream = FailingInputStream.runtimeFailureAfter(0, 4, failure);

        assertThatThrownBy(stream::read).isSameAs(failure);
    }
}
