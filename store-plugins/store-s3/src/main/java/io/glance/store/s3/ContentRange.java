package io.glance.store.s3;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the object size from a {@code Content-Range: bytes a-b/total} header. */
final class ContentRange {
    private static final Pattern BYTES = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+)");

    private ContentRange() {
    }

    /** The total size, or -1 when the header is absent or not of that form. */
    static long totalSize(String header) {
        if (header == null) {
            return -1;
        }
        Matcher matcher = BYTES.matcher(header.strip());
        return matcher.matches() ? Long.parseLong(matcher.group(3)) : -1;
    }
}
