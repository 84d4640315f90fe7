package io.glance.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads an HTTP/1.1 request's head (request line and headers, up to the blank line) from the socket of a hand-written
 * test server, byte by byte so that nothing of the body is consumed: the tests that use it check what the client put
 * on the wire, which no server library would show them unchanged.
 */
public final class RequestHeads {
    private RequestHeads() {
    }

    /** The head with its final CRLF CRLF; EOFException when the connection ends before it. */
    public static String read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the request's head ended early: " + head);
            }
            head.write(c);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
