package io.glance.client;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The answer to an upload sent with sendfile is read whole: sized, chunked or to the end, after any 100 Continue. */
class HttpAnswerTest {
    private static ByteArrayInputStream wire(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aSizedBodyEndsAtItsLengthAndHeadersKeepTheirValues() throws IOException {
        HttpAnswer answer = HttpAnswer.read(wire("HTTP/1.1 413 Request Entity Too Large\r\n"
                + "Content-Type: application/json\r\ncontent-length: 5\r\nX-Openstack-Request-Id: a\r\n"
                + "X-Openstack-Request-Id: b\r\n\r\n{\"a\"}trailing"), "PUT");
        assertThat(answer.status).isEqualTo(413);
        assertThat(HttpAnswer.first(answer.headers, "Content-Type")).isEqualTo("application/json");
        assertThat(answer.headers.get("X-Openstack-Request-Id")).containsExactly("a", "b");
        assertThat(new String(answer.body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\"}");
    }

    @Test
    void aChunkedBodyIsJoinedAndInterimAnswersAreSkipped() throws IOException {
        HttpAnswer answer = HttpAnswer.read(wire("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 400 Bad Request\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n4;ext=1\r\nabcd\r\n3\r\nefg\r\n0\r\nTrailer: x\r\n\r\n"), "PUT");
        assertThat(answer.status).isEqualTo(400);
        assertThat(new String(answer.body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("abcdefg");
    }

    @Test
    void noContentHasNoBodyAndAnUnsizedOneRunsToTheEnd() throws IOException {
        assertThat(HttpAnswer.read(wire("HTTP/1.1 204 No Content\r\n\r\n"), "PUT").body.read()).isEqualTo(-1);
        assertThat(HttpAnswer.read(wire("HTTP/1.0 500 Oops\nConnection: close\n\nall of it"), "PUT").body
                .readAllBytes()).isEqualTo("all of it".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCutOrForeignAnswerIsAnError() {
        assertThatThrownBy(() -> HttpAnswer.read(wire("HTTP/1.1 200 OK\r\nContent-Le"), "PUT"))
                .isInstanceOf(EOFException.class).hasMessageContaining("Content-Le");
        assertThatThrownBy(() -> HttpAnswer.read(wire("SSH-2.0-OpenSSH\r\n"), "PUT"))
                .isInstanceOf(IOException.class).hasMessageContaining("not an HTTP/1.x answer: 'SSH-2.0-OpenSSH'");
        assertThatThrownBy(() -> HttpAnswer.read(wire("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort"), "PUT")
                .body.readAllBytes()).isInstanceOf(EOFException.class).hasMessageContaining("4 bytes short");
    }
}
