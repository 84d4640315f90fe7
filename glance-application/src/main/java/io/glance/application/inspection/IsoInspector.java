package io.glance.application.inspection;

/**
 * ISO 9660 / UDF: the first volume descriptor, 2 KiB at 32 KiB (after the system area), carries {@code CD001},
 * {@code NSR02} or {@code NSR03} at bytes 1–5. A primary volume descriptor (type 1) gives the size: volume space
 * size (uint32 LE at 80) times logical block size (uint16 LE at 128).
 */
final class IsoInspector extends FormatInspector {
    private static final long DESCRIPTOR_OFFSET = 32 * 1024;

    private final CaptureRegion descriptor = capture(DESCRIPTOR_OFFSET, 2048);

    @Override
    String format() {
        return "iso";
    }

    @Override
    void examine() {
        if (!descriptor.complete()) {
            return;
        }
        byte[] d = descriptor.data();
        if (Bytes.startsWith(d, 1, "CD001") || Bytes.startsWith(d, 1, "NSR02") || Bytes.startsWith(d, 1, "NSR03")) {
            matched();
        } else {
            noMatch();
        }
    }

    @Override
    long virtualSize() {
        byte[] d = descriptor.data();
        if (Bytes.u8(d, 0) != 1) {
            return 0;
        }
        return Bytes.u32le(d, 80) * Bytes.u16le(d, 128);
    }
}
