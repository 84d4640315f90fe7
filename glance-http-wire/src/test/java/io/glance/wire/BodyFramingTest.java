package io.glance.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.EOFException;
import java.io.IOException;

import static io.glance.wire.HeadParsingTest.body;
import static io.glance.wire.HeadParsingTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Where a body ends (Content-Length, chunked, the connection's end, none at all) and what a broken one is. */
class BodyFramingTest {
    @Test
    void aChunkedBodyIsJoinedWithExtensionsAndTrailersPassedOver() throws IOException {
        HttpAnswer answer = read("HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "4;ext=1\r\nabcd\r\n3 ; x\r\nefg\r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n");
        assertThat(answer.contentLength()).isEqualTo(-1);
        assertThat(body(answer)).isEqualTo("abcdefg0123456789");
        assertThat(answer.body().ended()).isTrue();
    }

    /** Every line split across reads, one byte a read: the framing does not depend on how the bytes arrive. */
    @Test
    void bodiesArriveWholeWhenEveryByteComesInAReadOfItsOwn() throws IOException {
        String wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1\r\n!\r\n0\r\n\r\n";
        HttpAnswer answer = new HttpAnswerReader(ScriptedConnection.of(wire, 1), 256).next("GET");
        assertThat(body(answer)).isEqualTo("hello!");
    }

    @Test
    void noContentNotModifiedAndHeadHaveNoBodyWhateverTheirHeadersSay() throws IOException {
        assertThat(body(read("HTTP/1.1 204 No Content\r\nContent-Length: 3\r\n\r\nxyz"))).isEmpty();
        assertThat(body(read("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n"))).isEmpty();
        HttpAnswer head = new HttpAnswerReader(ScriptedConnection.of("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n"),
                256).next("HEAD");
        assertThat(head.header("Content-Length")).isEqualTo("9");
        assertThat(head.body().ended()).isTrue();
        assertThat(body(head)).isEmpty();
    }

    @Test
    void anUnframedBodyRunsToTheConnectionsEndAndEndsTheConnection() throws IOException {
        HttpAnswer answer = read("HTTP/1.1 200 OK\r\n\r\nto the end");
        assertThat(answer.keepAlive()).isFalse();
        assertThat(body(answer)).isEqualTo("to the end");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "+5", "1e3", " ", "5, 6", "0x10", "1234567890123456789"})
    void aBadContentLengthIsRefusedAndNamed(String value) {
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: " + value + "\r\n\r\n12345"))
                .asInstanceOf(type(MalformedAnswerException.class))
                .satisfies(e -> assertThat(e.part()).isEqualTo(MalformedAnswerException.Part.CONTENT_LENGTH))
                .satisfies(e -> assertThat(e.badValue()).isEqualTo(value.strip()));
    }

    @Test
    void repeatedContentLengthsThatAgreeAreOneLength() throws IOException {
        assertThat(body(read("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabcdef")))
                .isEqualTo("abc");
    }

    @Test
    void aLengthOverTwoGibibytesIsALong() throws IOException {
        assertThat(read("HTTP/1.1 200 OK\r\nContent-Length: 107374182400\r\n\r\n").contentLength())
                .isEqualTo(100L << 30);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "gzip, chunked", "chunked, gzip", "chunked, chunked", "identity"})
    void aTransferCodingOtherThanChunkedIsRefused(String value) {
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: " + value + "\r\n\r\n0\r\n\r\n"))
                .asInstanceOf(type(MalformedAnswerException.class))
                .satisfies(e -> assertThat(e.part()).isEqualTo(MalformedAnswerException.Part.TRANSFER_ENCODING))
                .satisfies(e -> assertThat(e.getMessage()).contains("only chunked is read"));
    }

    /** RFC 9112 6.3: chunked wins over a Content-Length beside it, and the connection is not used again. */
    @Test
    void chunkedWinsOverAContentLengthAndTheConnectionIsNotKept() throws IOException {
        HttpAnswer answer = read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n");
        assertThat(answer.keepAlive()).isFalse();
        assertThat(body(answer)).isEqualTo("abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "zz", "", " 5", "+5", "0x5", "1000000000000000", "5 5"})
    void aBadChunkSizeIsRefusedAndNamed(String size) throws IOException {
        HttpAnswer answer = read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\nhello\r\n0\r\n\r\n");
        assertThatThrownBy(() -> answer.body().stream().readAllBytes())
                .asInstanceOf(type(MalformedAnswerException.class))
                .satisfies(e -> assertThat(e.part()).isEqualTo(MalformedAnswerException.Part.CHUNK_SIZE))
                .satisfies(e -> assertThat(e.badValue()).isEqualTo(size));
    }

    @Test
    void aChunkWithMoreDataThanItsSizeIsRefused() throws IOException {
        HttpAnswer answer = read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX\r\n0\r\n\r\n");
        assertThatThrownBy(() -> answer.body().stream().readAllBytes())
                .asInstanceOf(type(MalformedAnswerException.class))
                .satisfies(e -> assertThat(e.part()).isEqualTo(MalformedAnswerException.Part.CHUNK_END))
                .satisfies(e -> assertThat(e.badValue()).isEqualTo("XX"));
    }

    @Test
    void trailersOverTheLimitAreRefused() throws IOException {
        HttpAnswer answer = new HttpAnswerReader(ScriptedConnection.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked"
                + "\r\n\r\n0\r\n" + "X-Trailer: 0123456789012345678901234567890123456789\r\n".repeat(20) + "\r\n"), 512)
                .next("GET");
        assertThatThrownBy(() -> answer.body().stream().readAllBytes())
                .asInstanceOf(type(MalformedAnswerException.class))
                .satisfies(e -> assertThat(e.part()).isEqualTo(MalformedAnswerException.Part.HEAD_SIZE));
    }

    @Test
    void aBodyCutShortIsAnEndOfFileThatSaysHowShort() throws IOException {
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort").body().stream()
                .readAllBytes()).isInstanceOf(EOFException.class)
                .hasMessage("the connection ended 4 bytes short of the answer's Content-Length 9");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\nabc").body()
                .stream().readAllBytes()).isInstanceOf(EOFException.class)
                .hasMessage("the connection ended inside a chunk, 5 bytes short of its size");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n").body()
                .stream().readAllBytes()).isInstanceOf(EOFException.class)
                .hasMessage("the connection ended before a chunk size line");
    }

    @Test
    void closingTheBodyClosesTheConnection() throws IOException {
        ScriptedConnection connection = ScriptedConnection.of("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        HttpAnswer answer = new HttpAnswerReader(connection, 256).next("GET");
        answer.body().stream().close();
        assertThat(connection.isOpen()).isFalse();
        assertThatThrownBy(() -> answer.body().stream().read()).isInstanceOf(java.nio.channels.ClosedChannelException.class);
    }
}
