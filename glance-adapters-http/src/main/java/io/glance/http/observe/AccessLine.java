package io.glance.http.observe;

/**
 * One access-log line: {@code <request id> <method> <path> <status> <bytes> <milliseconds>ms}, the bytes being all the
 * answer's (status line and headers included).
 */
final class AccessLine {
    /** Paths are the client's; a hostile one must not flood the log. */
    static final int MAX_PATH = 256;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AccessLine() {
    }

    static String of(String requestId, String method, String path, int status, long bytes, long nanos) {
        // Built by hand: String.format cost more than the rest of a metadata request's access logging.
        StringBuilder line = new StringBuilder(96 + Math.min(path.length(), MAX_PATH))
                .append(requestId).append(' ').append(method).append(' ');
        printable(line, path.length() <= MAX_PATH ? path : path.substring(0, MAX_PATH) + "...");
        line.append(' ').append(status).append(' ').append(bytes).append(' ');
        long tenths = Math.round(nanos / 1e5);
        return line.append(tenths / 10).append('.').append(tenths % 10).append("ms").toString();
    }

    /** Control characters would split or forge log lines. */
    private static void printable(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ' ') {
                out.append('%').append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
    }
}
