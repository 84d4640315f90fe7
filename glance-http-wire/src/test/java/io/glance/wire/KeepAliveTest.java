package io.glance.wire;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;

import static io.glance.wire.HeadParsingTest.body;
import static io.glance.wire.HeadParsingTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Answers one after another on one connection: each body read to its end leaves the reader at the next head. */
class KeepAliveTest {
    @Test
    void answersFollowEachOtherOnOneConnectionWhicheverTheirFraming() throws IOException {
        String wire = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none"
                + "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\nX-T: 1\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nthree";
        for (int piece : new int[] {1, 7, Integer.MAX_VALUE}) {
            HttpAnswerReader reader = new HttpAnswerReader(ScriptedConnection.of(wire, piece), 256);
            HttpAnswer first = reader.next("GET");
            assertThat(first.keepAlive()).isTrue();
            assertThat(body(first)).isEqualTo("one");
            HttpAnswer second = reader.next("POST");
            assertThat(second.status()).isEqualTo(201);
            assertThat(second.keepAlive()).isTrue();
            assertThat(body(second)).isEqualTo("two");
            assertThat(reader.next("DELETE").status()).isEqualTo(204);
            assertThat(body(reader.next("GET"))).isEmpty();
            HttpAnswer last = reader.next("GET");
            assertThat(last.keepAlive()).isFalse();
            assertThat(body(last)).isEqualTo("three");
            assertThatThrownBy(() -> reader.next("GET")).isInstanceOf(EOFException.class)
                    .hasMessage("the connection ended before an answer");
            assertThat(reader.answerBegun()).isFalse();
        }
    }

    @Test
    void http10KeepsTheConnectionOnlyWhenItSaysKeepAlive() throws IOException {
        assertThat(read("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").keepAlive()).isFalse();
        assertThat(read("HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive())
                .isTrue();
        assertThat(read("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: foo, Close\r\n\r\n").keepAlive())
                .isFalse();
    }

    @Test
    void theNextAnswerWaitsForTheBodyBeforeIt() throws IOException {
        HttpAnswerReader reader = new HttpAnswerReader(ScriptedConnection.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), 256);
        HttpAnswer first = reader.next("GET");
        assertThat(first.body().stream().read()).isEqualTo('a');
        assertThatThrownBy(() -> reader.next("GET")).isInstanceOf(IllegalStateException.class)
                .hasMessage("the body of the previous answer was not read to its end");
        assertThat(first.body().stream().readAllBytes()).containsExactly('b', 'c');
        assertThat(reader.next("GET").status()).isEqualTo(200);
    }

    /** Bytes of the next answer that arrived with the last one count as its beginning (not a connection gone idle). */
    @Test
    void anAnswerHasBegunWhenItsFirstBytesCameWithTheAnswerBefore() throws IOException {
        HttpAnswerReader reader = new HttpAnswerReader(ScriptedConnection.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1 2"), 256);
        assertThat(body(reader.next("GET"))).isEqualTo("x");
        assertThatThrownBy(() -> reader.next("GET")).isInstanceOf(EOFException.class)
                .hasMessageContaining("after 'HTTP/1.1 2'");
        assertThat(reader.answerBegun()).isTrue();
    }
}
