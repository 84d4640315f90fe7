package io.glance.application.inspection;

/**
 * VHD (Virtual PC): the footer copy that dynamic VHDs carry at their start, cookie {@code conectix}; virtual size
 * big-endian at 40. A fixed VHD has its footer only at the end and is read as raw, as Glance does.
 */
final class VhdInspector extends FormatInspector {
    private final CaptureRegion header = capture(0, 512);

    @Override
    String format() {
        return "vhd";
    }

    @Override
    void examine() {
        if (header.filled() >= 8 && state() == State.PENDING) {
            if (!Bytes.startsWith(header.data(), 0, "conectix")) {
                noMatch();
                return;
            }
            candidate();
        }
        if (header.complete()) {
            matched();
        }
    }

    @Override
    long virtualSize() {
        return Bytes.u64be(header.data(), 40);
    }
}
