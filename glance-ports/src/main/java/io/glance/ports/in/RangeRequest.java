package io.glance.ports.in;

import io.glance.domain.RangeNotSatisfiableException;

/**
 * One HTTP byte range as the client wrote it: {@code a-b}, {@code a-} (open end, {@code last = -1}) or the suffix
 * form {@code -n} ({@code first = -1}, {@code last = n}).
 */
public record RangeRequest(long first, long last) {

    /** Resolves against the data size to {@code [offset, length]}. @throws RangeNotSatisfiableException if outside */
    public long[] resolve(long size) {
        long offset;
        long end;
        if (first < 0) {
            if (last <= 0) {
                throw new RangeNotSatisfiableException("Invalid range: suffix length " + last);
            }
            offset = Math.max(0, size - last);
            end = size - 1;
        } else {
            offset = first;
            end = last < 0 ? size - 1 : Math.min(last, size - 1);
        }
        if (offset >= size || end < offset) {
            throw new RangeNotSatisfiableException("Requested range " + describe() + " not satisfiable for image data of "
                    + size + " bytes");
        }
        return new long[] {offset, end - offset + 1};
    }

    public String describe() {
        return "bytes=" + (first < 0 ? "" : first) + "-" + (last < 0 ? "" : last);
    }
}
