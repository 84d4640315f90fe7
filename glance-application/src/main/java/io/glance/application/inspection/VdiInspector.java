package io.glance.application.inspection;

/** VDI (VirtualBox): signature {@code 0xBEDA107F} little-endian at 0x40; virtual size little-endian at 0x170. */
final class VdiInspector extends FormatInspector {
    private static final long SIGNATURE = 0xBEDA107FL;

    private final CaptureRegion header = capture(0, 512);

    @Override
    String format() {
        return "vdi";
    }

    @Override
    void examine() {
        if (header.filled() >= 0x44 && state() == State.PENDING) {
            if (Bytes.u32le(header.data(), 0x40) != SIGNATURE) {
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
        return Bytes.u64le(header.data(), 0x170);
    }
}
