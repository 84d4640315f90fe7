package io.glance.http.observe;

import java.util.Locale;

/**
 * One access-log line: {@code <request id> <method> <path> <status> <bytes> <milliseconds>ms}, the bytes being all the
 * answer's (status line and headers included).
 */
final class AccessLine {
    /** Paths are the client's; a hostile one must not flood the log. */
    static final int MAX_PATH = 256;

    private AccessLine() {
    }

    static String of(String requestId, String method, String path, int status, long bytes, long nanos) {
        String shownPath = path.length() <= MAX_PATH ? path : path.substring(0, MAX_PATH) + "...";
        return String.format(Locale.ROOT, "%s %s %s %d %d %.1fms", requestId, method, printable(shownPath), status,
                bytes, nanos / 1e6);
    }

    /** Control characters would split or forge log lines. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c == 0x7f || c == ' ') {
                out.append(String.format(Locale.ROOT, "%%%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
