package io.glance.http.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The framing of a {@code multipart/byteranges} answer (RFC 9110 §14.6): each part's header block, the closing
 * delimiter and the exact total length, so the answer carries a Content-Length like every other download.
 */
final class MultipartByteRanges {
    private static final String PART_TYPE = "application/octet-stream";

    private final String boundary = UUID.randomUUID().toString();
    private final List<long[]> parts;
    private final long total;

    /** @param parts {@code [offset, length]} pairs, in the order the client asked for them */
    MultipartByteRanges(List<long[]> parts, long total) {
        this.parts = List.copyOf(parts);
        this.total = total;
    }

    String contentType() {
        return "multipart/byteranges; boundary=" + boundary;
    }

    List<long[]> parts() {
        return parts;
    }

    byte[] partHeader(int index) {
        long[] part = parts.get(index);
        String header = (index == 0 ? "" : "\r\n") + "--" + boundary + "\r\nContent-Type: " + PART_TYPE
                + "\r\nContent-Range: bytes " + part[0] + "-" + (part[0] + part[1] - 1) + "/" + total + "\r\n\r\n";
        return header.getBytes(StandardCharsets.US_ASCII);
    }

    byte[] closing() {
        return ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    long contentLength() {
        long length = closing().length;
        for (int i = 0; i < parts.size(); i++) {
            length += partHeader(i).length + parts.get(i)[1];
        }
        return length;
    }

    /**
     * Ranges worth a multipart answer: every one satisfiable ones kept, in order. RFC 9110 §14.2 lets a server
     * ignore a Range it does not want to serve; overlapping or very many small ranges are a known way to make a
     * server send an image many times over, so those get the whole data once instead ({@code null}).
     */
    static List<long[]> acceptable(List<long[]> resolved, int maxParts) {
        if (resolved.size() > maxParts) {
            return null;
        }
        List<long[]> sorted = new ArrayList<>(resolved);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < sorted.size(); i++) {
            long[] previous = sorted.get(i - 1);
            if (sorted.get(i)[0] < previous[0] + previous[1]) {
                return null;
            }
        }
        return resolved;
    }
}
