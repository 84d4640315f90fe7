package io.glance.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static io.glance.wire.MalformedAnswerException.Part;

/**
 * Reads the HTTP/1.1 answers that arrive on one connection, one after the other (keep-alive), to requests the caller
 * wrote itself. Strict (RFC 9112) and bounded: the status line must be {@code HTTP/1.x NNN}, header lines tokens and a
 * colon, lengths digits, chunk sizes hex; a head (interim 1xx answers included) longer than the head limit is refused;
 * each such fault is a {@link MalformedAnswerException} naming the bad value. A bare LF ends a line as CRLF does. Only
 * the {@code chunked} transfer coding is read (nothing here decodes gzip or the like).
 * <p>The source must block until it has bytes; the caller bounds the waiting (a socket timeout, a deadline that
 * closes the connection). One reader per connection, used by one thread at a time.
 */
public final class HttpAnswerReader {
    /** A head limit that any ordinary server's answers fit (glance-api's are under 1 KiB). */
    public static final int DEFAULT_HEAD_LIMIT = 64 * 1024;
    private static final int SMALLEST_HEAD_LIMIT = 256;

    private final WireBuffer wire;
    private final int headLimit;
    private AnswerBody current;
    private long receivedBefore;
    private int bufferedBefore;

    /**
     * @param source    the connection; closing an answer's body closes it
     * @param headLimit the most bytes an answer's head (and a chunked body's trailers) may have; also the size of
     *                  the reader's one buffer, and the size from which a body read goes straight to the caller's
     *                  buffer
     */
    public HttpAnswerReader(ReadableByteChannel source, int headLimit) {
        if (headLimit < SMALLEST_HEAD_LIMIT) {
            throw new IllegalArgumentException("a head limit under " + SMALLEST_HEAD_LIMIT + " bytes: " + headLimit);
        }
        this.wire = new WireBuffer(source, headLimit);
        this.headLimit = headLimit;
    }

    /**
     * Reads the next answer's head; its body follows as it is read.
     *
     * @param method the request's method: the answer to a HEAD has no body, whatever its headers say
     * @throws EOFException             the connection ended before the head did ({@link #answerBegun()} tells
     *                                  whether any of it had arrived)
     * @throws MalformedAnswerException a bad status line, header line, Content-Length or Transfer-Encoding, or a
     *                                  head over the limit
     * @throws IllegalStateException    the body of the answer before was not read to its end
     */
    public HttpAnswer next(String method) throws IOException {
        if (current != null && !current.ended()) {
            throw new IllegalStateException("the body of the previous answer was not read to its end");
        }
        receivedBefore = wire.received();
        bufferedBefore = wire.buffered();
        long headBytes = 0;
        while (true) {
            String statusLine;
            try {
                statusLine = wire.line(Part.HEAD_SIZE, "inside the answer's status line");
            } catch (EOFException e) {
                throw answerBegun() ? e : new EOFException("the connection ended before an answer");
            }
            headBytes = counted(headBytes, statusLine);
            int status = status(statusLine);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line = wire.line(Part.HEAD_SIZE, "inside the answer's head"); !line.isEmpty();
                 line = wire.line(Part.HEAD_SIZE, "inside the answer's head")) {
                headBytes = counted(headBytes, line);
                field(line, headers);
            }
            if (status >= 100 && status < 200 && status != 101) {
                continue; // interim (100 Continue, 103 Early Hints): the final answer follows
            }
            boolean http10 = statusLine.charAt(7) == '0';
            current = body(method, status, http10, headers);
            return new HttpAnswer(status, Collections.unmodifiableMap(headers),
                    current.framing() != AnswerBody.Framing.TO_CLOSE && keepAlive(http10, status, headers), current);
        }
    }

    /**
     * Whether any byte of the answer {@link #next} is reading (or read) has arrived: a reused connection that fails
     * before one has (the server closed it while idle) did not take the request in, so sending it again runs it once.
     */
    public boolean answerBegun() {
        return bufferedBefore > 0 || wire.received() > receivedBefore;
    }

    private long counted(long headBytes, String line) throws MalformedAnswerException {
        long total = headBytes + line.length() + 2;
        if (total > headLimit) {
            throw new MalformedAnswerException(Part.HEAD_SIZE, line, "a head longer than " + headLimit + " bytes");
        }
        return total;
    }

    /** {@code HTTP/1.x NNN[ reason]}, NNN from 100 to 599. */
    static int status(String line) throws MalformedAnswerException {
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || !digit(line.charAt(7)) || line.charAt(8) != ' '
                || !digit(line.charAt(9)) || !digit(line.charAt(10)) || !digit(line.charAt(11))
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new MalformedAnswerException(Part.STATUS_LINE, line, "not an HTTP/1.x status line");
        }
        int status = (line.charAt(9) - '0') * 100 + (line.charAt(10) - '0') * 10 + (line.charAt(11) - '0');
        if (status < 100 || status > 599) {
            throw new MalformedAnswerException(Part.STATUS_LINE, line, "a status outside 100-599");
        }
        return status;
    }

    /** {@code name: value}: a token, the colon right after it, the value without its surrounding white space. */
    static void field(String line, Map<String, List<String>> headers) throws MalformedAnswerException {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new MalformedAnswerException(Part.HEADER_LINE, line, line.charAt(0) == ' ' || line.charAt(0) == '\t'
                    ? "a folded line (obs-fold)" : "no field name and colon");
        }
        for (int i = 0; i < colon; i++) {
            if (!token(line.charAt(i))) {
                throw new MalformedAnswerException(Part.HEADER_LINE, line, "a field name that is not a token");
            }
        }
        int start = colon + 1;
        int end = line.length();
        while (start < end && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            if (c == '\r' || c == 0) {
                throw new MalformedAnswerException(Part.HEADER_LINE, line, "a CR or NUL in the value");
            }
        }
        String name = line.substring(0, colon);
        List<String> values = headers.get(name);
        if (values == null) {
            values = new ArrayList<>(1);
            headers.put(name, values);
        }
        values.add(line.substring(start, end));
    }

    private AnswerBody body(String method, int status, boolean http10, Map<String, List<String>> headers)
            throws MalformedAnswerException {
        if (method.equals("HEAD") || status < 200 || status == 204 || status == 304) {
            return new AnswerBody(wire, AnswerBody.Framing.NONE, -1, headLimit);
        }
        List<String> codings = headers.get("Transfer-Encoding");
        if (codings != null) {
            List<String> tokens = tokens(codings);
            if (http10 || tokens.size() != 1 || !tokens.getFirst().equalsIgnoreCase("chunked")) {
                throw new MalformedAnswerException(Part.TRANSFER_ENCODING, String.join(", ", codings),
                        http10 ? "a transfer coding in an HTTP/1.0 answer" : "only chunked is read");
            }
            return new AnswerBody(wire, AnswerBody.Framing.CHUNKED, -1, headLimit);
        }
        List<String> lengths = headers.get("Content-Length");
        if (lengths != null) {
            return new AnswerBody(wire, AnswerBody.Framing.SIZED, contentLength(lengths), headLimit);
        }
        return new AnswerBody(wire, AnswerBody.Framing.TO_CLOSE, -1, headLimit);
    }

    /** Digits only; several values (lines or a list) only when they are all the same. */
    static long contentLength(List<String> values) throws MalformedAnswerException {
        if (values.size() == 1 && digits(values.getFirst())) {
            return Long.parseLong(values.getFirst()); // the usual case, without splitting
        }
        List<String> tokens = tokens(values);
        String first = tokens.isEmpty() ? "" : tokens.getFirst();
        if (!digits(first)) {
            throw new MalformedAnswerException(Part.CONTENT_LENGTH, String.join(", ", values), "not a number of bytes");
        }
        for (String token : tokens) {
            if (!token.equals(first)) {
                throw new MalformedAnswerException(Part.CONTENT_LENGTH, String.join(", ", values),
                        "different lengths");
            }
        }
        return Long.parseLong(first);
    }

    /** 1 to 18 decimal digits: a length that fits a long. */
    private static boolean digits(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!digit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the connection may carry the next request by what the head says (a body that runs to the connection's
     * end rules it out too): HTTP/1.1 unless {@code Connection: close}, HTTP/1.0 only with {@code keep-alive}; never
     * when a Transfer-Encoding came with a Content-Length (RFC 9112 6.3: the chunked framing is read, then the
     * connection closed, for it may be a smuggling attempt), nor after a 101.
     */
    private static boolean keepAlive(boolean http10, int status, Map<String, List<String>> headers) {
        if (status == 101 || headers.containsKey("Transfer-Encoding") && headers.containsKey("Content-Length")) {
            return false;
        }
        List<String> connection = headers.get("Connection");
        if (connection == null) {
            return !http10;
        }
        List<String> options = tokens(connection);
        return !options.contains("close") && (!http10 || options.contains("keep-alive"));
    }

    /** The comma-separated elements of a field's values, trimmed, in lower case, empty ones dropped. */
    private static List<String> tokens(List<String> values) {
        List<String> tokens = new ArrayList<>(values.size());
        for (String value : values) {
            for (String token : value.split(",")) {
                String trimmed = token.strip();
                if (!trimmed.isEmpty()) {
                    tokens.add(trimmed.toLowerCase(Locale.ROOT));
                }
            }
        }
        return tokens;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** RFC 9110's tchar. */
    private static boolean token(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || digit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
