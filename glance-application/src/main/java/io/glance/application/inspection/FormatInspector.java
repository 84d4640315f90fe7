package io.glance.application.inspection;

import java.util.ArrayList;
import java.util.List;

/**
 * Recognises one image format from the bytes of a stream as they pass by, keeping only the header bytes it asked
 * for ({@link CaptureRegion}s). One subclass per format; {@link FormatDetection} runs them all side by side over a
 * single pass.
 * <p>
 * The life of an inspector: {@code PENDING} until it can tell; {@code CANDIDATE} once its magic matched but more
 * header bytes are needed; then {@code MATCHED} (complete: virtual size and safety known), {@code NO_MATCH}, or
 * {@code INVALID} (the magic matched but the header is malformed or truncated, with the reason).
 */
abstract class FormatInspector {

    enum State { PENDING, CANDIDATE, MATCHED, NO_MATCH, INVALID }

    private final List<CaptureRegion> regions = new ArrayList<>();
    private State state = State.PENDING;
    private String invalidReason;
    /** Where the chunk being fed starts; regions before it can no longer be captured. */
    private long streamPosition;

    /** The format's name as Glance's {@code disk_format} spells it. */
    abstract String format();

    /**
     * Looks at the regions after new bytes were captured (only while {@code PENDING} or {@code CANDIDATE}); calls
     * one of {@link #candidate()}, {@link #matched()}, {@link #noMatch()}, {@link #invalid(String)} or asks for more
     * regions with {@link #capture(long, int)}.
     */
    abstract void examine();

    /**
     * The data ended at {@code size} bytes while this inspector was still undecided. By default an inspector whose
     * magic never matched does not match, and one whose magic matched was cut off inside its header.
     */
    void dataEnded(long size) {
        if (state == State.CANDIDATE) {
            invalid("the data ends after " + size + " bytes, inside the " + format() + " header");
        } else {
            noMatch();
        }
    }

    /** The disk size the guest sees, known once {@code MATCHED}; {@code 0} when the format does not tell. */
    abstract long virtualSize();

    /** What makes a matched image unsafe to hand to a hypervisor (empty: safe), each naming the problem. */
    List<SafetyViolation> safetyViolations() {
        return List.of();
    }

    final State state() {
        return state;
    }

    final boolean decided() {
        return state == State.MATCHED || state == State.NO_MATCH || state == State.INVALID;
    }

    final String invalidReason() {
        return invalidReason;
    }

    /**
     * Offers a chunk of the stream at {@code position}; examines when it filled any region. Regions asked for while
     * examining may lie in the same chunk, so it is offered again until nothing new is captured.
     */
    final void feed(long position, byte[] bytes, int off, int len) {
        streamPosition = position;
        boolean captured = true;
        while (captured && !decided()) {
            captured = false;
            // Index loop: examine() may add regions.
            for (int i = 0; i < regions.size(); i++) {
                captured |= regions.get(i).capture(position, bytes, off, len);
            }
            if (captured) {
                examine();
            }
        }
        streamPosition = position + len;
    }

    /**
     * Asks for {@code length} bytes at {@code offset}. A region that starts before bytes already gone by can never be
     * filled in one pass: the image is then invalid for this inspector.
     */
    final CaptureRegion capture(long offset, int length) {
        CaptureRegion region = new CaptureRegion(offset, length);
        if (offset < streamPosition) {
            invalid(format() + " header points back to offset " + offset + ", before data already read");
        }
        regions.add(region);
        return region;
    }

    final void candidate() {
        state = State.CANDIDATE;
    }

    final void matched() {
        state = State.MATCHED;
    }

    final void noMatch() {
        state = State.NO_MATCH;
    }

    final void invalid(String reason) {
        state = State.INVALID;
        invalidReason = reason;
    }
}
