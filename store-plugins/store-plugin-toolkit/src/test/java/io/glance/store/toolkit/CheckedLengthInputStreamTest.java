package io.glance.store.toolkit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckedLengthInputStreamTest {

    @Test
    void deliversExactlyTheLengthAndNothingPastIt() throws IOException {
        InputStream body = CheckedLengthInputStream.exactly(new ByteArrayInputStream(new byte[10]), 7, "GET /x");
        assertThat(body.readAllBytes()).hasSize(7);
        assertThat(body.read()).isEqualTo(-1);
    }

    @Test
    void aShortBodyIsAnErrorNamingTheObjectAndHowFarItGot() {
        InputStream body = CheckedLengthInputStream.exactly(new ByteArrayInputStream(new byte[5]), 7, "GET /x");
        assertThatThrownBy(body::readAllBytes).isInstanceOf(EOFException.class)
                .hasMessage("GET /x ended after 5 of 7 bytes");
    }

    @Test
    void failuresPassThroughUnchangedOrNamedOnRequest() {
        IOException cut = new IOException("connection reset");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw cut;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw cut;
            }
        };
        assertThatThrownBy(() -> CheckedLengthInputStream.exactly(failing, 3, "GET /x").read(new byte[3]))
                .isSameAs(cut);
        assertThatThrownBy(() -> CheckedLengthInputStream.exactlyNamingFailures(failing, 3, "GET /x")
                .read(new byte[3])).hasMessageStartingWith("GET /x failed after 0 of 3 bytes").hasCause(cut);
    }
}
