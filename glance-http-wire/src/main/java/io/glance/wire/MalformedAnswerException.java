package io.glance.wire;

import java.io.IOException;

/**
 * An answer that breaks HTTP/1.1's framing: which part was bad and what it held. Nothing after it on the connection
 * can be trusted, so the caller drops the connection.
 */
public final class MalformedAnswerException extends IOException {
    /** Where in the answer the bad value stood. */
    public enum Part {
        STATUS_LINE("status line"),
        HEADER_LINE("header line"),
        CONTENT_LENGTH("Content-Length"),
        TRANSFER_ENCODING("Transfer-Encoding"),
        CHUNK_SIZE("chunk size line"),
        CHUNK_END("end of a chunk (CRLF expected)"),
        HEAD_SIZE("head size");

        private final String label;

        Part(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** How much of a bad value a message shows. */
    private static final int SHOWN = 100;

    private final Part part;
    private final String badValue;

    MalformedAnswerException(Part part, String badValue, String why) {
        super("malformed HTTP answer: bad " + part + " '" + shown(badValue) + "'" + (why == null ? "" : ": " + why));
        this.part = part;
        this.badValue = badValue;
    }

    public Part part() {
        return part;
    }

    /** The value as it arrived (ISO-8859-1, one char a byte), not shortened. */
    public String badValue() {
        return badValue;
    }

    /** At most {@link #SHOWN} characters, control and non-ASCII bytes as {@code \xNN}, so a message stays one line. */
    static String shown(String value) {
        StringBuilder shown = new StringBuilder(Math.min(value.length(), SHOWN) + 8);
        for (int i = 0; i < value.length() && i < SHOWN; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                shown.append(c);
            } else {
                shown.append(String.format("\\x%02x", (int) c));
            }
        }
        return value.length() > SHOWN ? shown.append("...").toString() : shown.toString();
    }
}
