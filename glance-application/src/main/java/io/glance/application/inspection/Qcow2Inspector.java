package io.glance.application.inspection;

import java.util.ArrayList;
import java.util.List;

/**
 * qcow2: magic {@code QFI\xFB}, virtual size big-endian at 24. Unsafe with a backing file (a host file such as
 * /etc/passwd read through the image: CVE-2022-47951), with an external data file (incompatible feature bit 2), or
 * with incompatible features this service does not know (bit 4 and up), as the 2024 fixes (CVE-2024-32498) refuse.
 */
final class Qcow2Inspector extends FormatInspector {
    private static final long DATA_FILE = 1L << 2;
    private static final long KNOWN_INCOMPATIBLE = 0xF;

    private static final int MAX_NAME = 1023;
    private static final long NAME_WINDOW = 64 * 1024;

    private final CaptureRegion header = capture(0, 512);
    private CaptureRegion backingName;

    @Override
    String format() {
        return "qcow2";
    }

    @Override
    void examine() {
        if (header.filled() >= 4 && state() == State.PENDING) {
            if (!Bytes.startsWith(header.data(), 0, "QFI\u00fb")) {
                noMatch();
                return;
            }
            candidate();
        }
        if (header.complete() && backingName == null) {
            long offset = Bytes.u64be(header.data(), 8);
            long length = Bytes.u32be(header.data(), 16);
            if (offset == 0 || length == 0 || length > MAX_NAME || offset > NAME_WINDOW) {
                matched();
                return;
            }
            // Only for the error message: the name lies in the first cluster, right after the header.
            backingName = capture(offset, (int) length);
        }
        if (backingName != null && backingName.complete()) {
            matched();
        }
    }

    @Override
    long virtualSize() {
        return Bytes.u64be(header.data(), 24);
    }

    @Override
    List<SafetyViolation> safetyViolations() {
        byte[] h = header.data();
        List<SafetyViolation> violations = new ArrayList<>();
        long backingOffset = Bytes.u64be(h, 8);
        if (backingOffset != 0) {
            violations.add(new SafetyViolation("backing_file", "qcow2 image has a backing file"
                    + backingFileName()));
        }
        // Version 2 headers end at 72; the bytes there are read anyway (they are zero in any image qemu writes).
        long incompatible = Bytes.u64be(h, 72);
        if ((incompatible & DATA_FILE) != 0) {
            violations.add(new SafetyViolation("data_file", "qcow2 image uses an external data file"));
        }
        if ((incompatible & ~KNOWN_INCOMPATIBLE) != 0) {
            violations.add(new SafetyViolation("unknown_features", "qcow2 image has unknown incompatible features 0x"
                    + Long.toHexString(incompatible & ~KNOWN_INCOMPATIBLE)));
        }
        return violations;
    }

    /** The backing file's name when it was captured, for the error message. */
    private String backingFileName() {
        if (backingName == null || !backingName.complete()) {
            return "";
        }
        StringBuilder name = new StringBuilder();
        for (byte b : backingName.data()) {
            char c = (char) (b & 0xff);
            name.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return " (" + name + ")";
    }
}
