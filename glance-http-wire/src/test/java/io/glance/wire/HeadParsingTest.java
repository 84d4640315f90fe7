package io.glance.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** The status line and the headers: what is taken, what is refused and named, and the head's size limit. */
class HeadParsingTest {
    static HttpAnswer read(String wire) throws IOException {
        return new HttpAnswerReader(ScriptedConnection.of(wire), HttpAnswerReader.DEFAULT_HEAD_LIMIT).next("GET");
    }

    static String body(HttpAnswer answer) throws IOException {
        return new String(answer.body().stream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void theStatusAndHeadersAreReadWithNamesComparedWithoutCaseAndValuesInOrder() throws IOException {
        HttpAnswer answer = read("HTTP/1.1 413 Request Entity Too Large\r\nContent-Type:application/json \r\n"
                + "content-length: 5\r\nX-Openstack-Request-Id: a\r\nx-openstack-request-id:\tb\r\nEmpty:\r\n\r\n"
                + "{\"a\"}trailing");
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("CONTENT-TYPE")).isEqualTo("application/json");
        assertThat(answer.headers().get("X-OpenStack-Request-ID")).containsExactly("a", "b");
        assertThat(answer.header("Empty")).isEmpty();
        assertThat(answer.header("Absent")).isNull();
        assertThat(answer.contentLength()).isEqualTo(5);
        assertThat(body(answer)).isEqualTo("{\"a\"}");
    }

    @Test
    void aStatusLineWithoutReasonAndLinesEndedByABareLfAreTaken() throws IOException {
        HttpAnswer answer = read("HTTP/1.0 500\nConnection: close\n\nall of it");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(body(answer)).isEqualTo("all of it");
    }

    @Test
    void interimAnswersAreSkippedUpToTheFinalOne() throws IOException {
        HttpAnswer answer = read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Link")).isNull();
        assertThat(body(answer)).isEqualTo("ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SSH-2.0-OpenSSH", "HTTP/2 200 OK", "HTTP/1.1 20 OK", "HTTP/1.1 200OK", "HTTP/1.1  200 OK",
            "HTTP/1.1 2x0 OK", "HTTP/1.1 099 Low", "HTTP/1.1 600 High", "http/1.1 200 OK", ""})
    void aBadStatusLineIsRefusedAndNamed(String line) {
        assertThatThrownBy(() -> read(line + "\r\nContent-Length: 0\r\n\r\n"))
                .asInstanceOf(type(MalformedAnswerException.class))
                .satisfies(e -> assertThat(e.part()).isEqualTo(MalformedAnswerException.Part.STATUS_LINE))
                .satisfies(e -> assertThat(e.badValue()).isEqualTo(line))
                .satisfies(e -> assertThat(e.getMessage()).contains("'" + line + "'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NoColon", ": no name", "Bad Name: x", "Name : x", " folded: x", "\tfolded", "X: a\rb",
            "X\u00e9: latin"})
    void aBadHeaderLineIsRefusedAndNamed(String line) {
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\n" + line + "\r\nContent-Length: 0\r\n\r\n"))
                .asInstanceOf(type(MalformedAnswerException.class))
                .satisfies(e -> assertThat(e.part()).isEqualTo(MalformedAnswerException.Part.HEADER_LINE))
                .satisfies(e -> assertThat(e.badValue()).isEqualTo(line));
    }

    @Test
    void aHeadOverTheLimitIsRefusedWhetherInOneLineOrInMany() {
        String manyLines = "HTTP/1.1 200 OK\r\n" + "X-Filler: 0123456789012345678901234567890123456789\r\n".repeat(10)
                + "\r\n";
        assertThatThrownBy(() -> new HttpAnswerReader(ScriptedConnection.of(manyLines), 400).next("GET"))
                .asInstanceOf(type(MalformedAnswerException.class))
                .satisfies(e -> assertThat(e.part()).isEqualTo(MalformedAnswerException.Part.HEAD_SIZE))
                .satisfies(e -> assertThat(e.getMessage()).contains("a head longer than 400 bytes"));
        String oneLine = "HTTP/1.1 200 OK\r\nX-Long: " + "y".repeat(1000) + "\r\n\r\n";
        assertThatThrownBy(() -> new HttpAnswerReader(ScriptedConnection.of(oneLine, 7), 400).next("GET"))
                .asInstanceOf(type(MalformedAnswerException.class))
                .satisfies(e -> assertThat(e.part()).isEqualTo(MalformedAnswerException.Part.HEAD_SIZE))
                .satisfies(e -> assertThat(e.getMessage()).contains("a line longer than the 400 bytes allowed"));
    }

    /** Interim answers count toward the limit: a server sending 1xx for ever does not keep the reader for ever. */
    @Test
    void endlessInterimAnswersHitTheHeadLimit() {
        String wire = "HTTP/1.1 102 Processing\r\n\r\n".repeat(1000);
        assertThatThrownBy(() -> new HttpAnswerReader(ScriptedConnection.of(wire), 1024).next("GET"))
                .asInstanceOf(type(MalformedAnswerException.class))
                .satisfies(e -> assertThat(e.part()).isEqualTo(MalformedAnswerException.Part.HEAD_SIZE));
    }

    @Test
    void aConnectionEndingInsideTheHeadSaysWhereAndWhetherTheAnswerHadBegun() throws IOException {
        HttpAnswerReader cut = new HttpAnswerReader(ScriptedConnection.of("HTTP/1.1 200 OK\r\nContent-Le"), 1024);
        assertThatThrownBy(() -> cut.next("GET")).isInstanceOf(EOFException.class)
                .hasMessage("the connection ended inside the answer's head after 'Content-Le'");
        assertThat(cut.answerBegun()).isTrue();

        HttpAnswerReader silent = new HttpAnswerReader(ScriptedConnection.of(""), 1024);
        assertThatThrownBy(() -> silent.next("GET")).isInstanceOf(EOFException.class)
                .hasMessage("the connection ended before an answer");
        assertThat(silent.answerBegun()).isFalse();
    }

    @Test
    void aBadValueIsShownOnOneLineAndShortened() {
        assertThat(MalformedAnswerException.shown("a\u0000b\u00ff")).isEqualTo("a\\x00b\\xff");
        assertThat(MalformedAnswerException.shown("z".repeat(150))).isEqualTo("z".repeat(100) + "...");
    }
}
