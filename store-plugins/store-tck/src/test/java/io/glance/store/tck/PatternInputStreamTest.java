package io.glance.store.tck;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class PatternInputStreamTest {

    @Test
    void bulkAndSingleByteReadsAgreeWithByteAt() throws IOException {
        byte[] bulk = new PatternInputStream(1000, 5).readAllBytes();
        PatternInputStream single = new PatternInputStream(1000, 5);

        assertThat(bulk).hasSize(1000);
        for (int i = 0; i < bulk.length; i++) {
            assertThat(bulk[i]).isEqualTo(PatternInputStream.byteAt(5, i));
            assertThat((byte) single.read()).isEqualTo(bulk[i]);
        }
        assertThat(single.read()).isEqualTo(-1);
    }

    @Test
    void seedsAndPositionsGiveDifferentBytes() throws IOException {
        byte[] first = new PatternInputStream(4096, 1).readAllBytes();
        byte[] second = new PatternInputStream(4096, 2).readAllBytes();

        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOfRange(first, 0, 2048))
                .isNotEqualTo(Arrays.copyOfRange(first, 2048, 4096));
    }

    @Test
    void skipMovesToTheSameBytes() throws IOException {
        PatternInputStream stream = new PatternInputStream(100, 9);

        assertThat(stream.skip(40)).isEqualTo(40);
        assertThat((byte) stream.read()).isEqualTo(PatternInputStream.byteAt(9, 40));
        assertThat(stream.skip(1000)).isEqualTo(59);
        assertThat(stream.read()).isEqualTo(-1);
    }
}
