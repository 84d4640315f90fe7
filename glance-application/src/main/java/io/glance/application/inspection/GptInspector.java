package io.glance.application.inspection;

import java.util.ArrayList;
import java.util.List;

/**
 * A partitioned disk (MBR, or GPT behind its protective MBR): {@code 55 AA} at 510 and not a FAT boot sector.
 * Its virtual size is its size, as for raw. The checks (all named {@code mbr}, which Glance 2025.1 makes non-fatal
 * by default through {@code gpt_safety_checks_nonfatal}): boot flags 0x00 or 0x80; a protective GPT entry (type
 * 0xEE) must start at CHS 0/2/0 and LBA 1 and be the only partition; a table with no partition is suspicious.
 */
final class GptInspector extends FormatInspector {
    static final String CHECK = "mbr";
    private static final int PROTECTIVE_GPT = 0xEE;

    private final CaptureRegion mbr = capture(0, 512);
    private long size;

    @Override
    String format() {
        return "gpt";
    }

    @Override
    void examine() {
        if (!mbr.complete()) {
            return;
        }
        byte[] b = mbr.data();
        boolean signature = Bytes.u8(b, 510) == 0x55 && Bytes.u8(b, 511) == 0xAA;
        boolean fat = Bytes.u8(b, 0x10) == 2 && Bytes.u8(b, 0x15) == 0xF8;
        if (signature && !fat) {
            matched();
        } else {
            noMatch();
        }
    }

    /** Tells the inspector the size of the data, which is its virtual size. */
    void dataSize(long size) {
        this.size = size;
    }

    @Override
    long virtualSize() {
        return size;
    }

    @Override
    List<SafetyViolation> safetyViolations() {
        byte[] b = mbr.data();
        List<SafetyViolation> violations = new ArrayList<>();
        int partitions = 0;
        boolean protective = false;
        for (int i = 0; i < 4; i++) {
            int entry = 446 + 16 * i;
            int boot = Bytes.u8(b, entry);
            int type = Bytes.u8(b, entry + 4);
            if (boot != 0x00 && boot != 0x80) {
                violations.add(new SafetyViolation(CHECK, "MBR partition " + (i + 1) + " has an invalid boot flag 0x"
                        + Integer.toHexString(boot)));
            }
            if (type == 0) {
                continue;
            }
            partitions++;
            if (type == PROTECTIVE_GPT) {
                protective = true;
                boolean chsStart = Bytes.u8(b, entry + 1) == 0 && Bytes.u8(b, entry + 2) == 2
                        && Bytes.u8(b, entry + 3) == 0;
                if (!chsStart || Bytes.u32le(b, entry + 8) != 1) {
                    violations.add(new SafetyViolation(CHECK, "protective GPT partition " + (i + 1)
                            + " does not start at sector 1"));
                }
            }
        }
        if (partitions == 0) {
            violations.add(new SafetyViolation(CHECK, "MBR has no partitions"));
        } else if (protective && partitions > 1) {
            violations.add(new SafetyViolation(CHECK, "protective GPT partition is not the only partition"));
        }
        return violations;
    }
}
