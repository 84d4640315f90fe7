package io.glance.application.inspection;

import java.util.Arrays;

/**
 * VHDX: identifier {@code vhdxfile}; the region table at 192 KiB names the metadata region, whose table names the
 * Virtual Disk Size item (a little-endian uint64). Three hops, each captured as the stream reaches it: the header
 * window (64 KiB), the metadata table (64 KiB at most) and the 8-byte item.
 */
final class VhdxInspector extends FormatInspector {
    private static final long REGION_TABLE_OFFSET = 0x30000;
    private static final int TABLE_WINDOW = 64 * 1024;
    private static final long REGION_SIGNATURE = 0x69676572L; // "regi" little-endian
    private static final int MAX_ENTRIES = 2048;
    private static final byte[] METADATA_REGION = Bytes.guidLe("8B7CA206-4790-4B9A-B8FE-575F050F886E");
    private static final byte[] VIRTUAL_DISK_SIZE = Bytes.guidLe("2FA54224-CD1B-4876-B211-5DBED83BF4B8");

    private final CaptureRegion ident = capture(0, 8);
    private CaptureRegion regionTable;
    private CaptureRegion metadataTable;
    private long metadataOffset;
    private CaptureRegion virtualDiskSize;

    @Override
    String format() {
        return "vhdx";
    }

    @Override
    void examine() {
        if (state() == State.PENDING) {
            if (!ident.complete()) {
                return;
            }
            if (!Bytes.startsWith(ident.data(), 0, "vhdxfile")) {
                noMatch();
                return;
            }
            candidate();
            regionTable = capture(REGION_TABLE_OFFSET, TABLE_WINDOW);
        }
        if (regionTable.complete() && metadataTable == null) {
            findMetadataRegion();
        }
        if (metadataTable != null && metadataTable.complete() && virtualDiskSize == null) {
            findVirtualDiskSize();
        }
        if (virtualDiskSize != null && virtualDiskSize.complete()) {
            matched();
        }
    }

    private void findMetadataRegion() {
        byte[] t = regionTable.data();
        if (Bytes.u32le(t, 0) != REGION_SIGNATURE) {
            invalid("vhdx region table signature missing at offset " + REGION_TABLE_OFFSET);
            return;
        }
        long count = Bytes.u32le(t, 8);
        if (count >= MAX_ENTRIES) {
            invalid("vhdx region table has too many entries: " + count);
            return;
        }
        for (int i = 0; i < count && 16 + 32 * i + 32 <= t.length; i++) {
            int entry = 16 + 32 * i;
            if (Arrays.equals(t, entry, entry + 16, METADATA_REGION, 0, 16)) {
                metadataOffset = Bytes.u64le(t, entry + 16);
                metadataTable = capture(metadataOffset, TABLE_WINDOW);
                return;
            }
        }
        invalid("vhdx region table has no metadata region");
    }

    private void findVirtualDiskSize() {
        byte[] t = metadataTable.data();
        if (!Bytes.startsWith(t, 0, "metadata")) {
            invalid("vhdx metadata table signature missing at offset " + metadataOffset);
            return;
        }
        int count = Bytes.u16le(t, 10);
        if (count >= MAX_ENTRIES) {
            invalid("vhdx metadata table has too many entries: " + count);
            return;
        }
        for (int i = 0; i < count && 32 + 32 * i + 32 <= t.length; i++) {
            int entry = 32 + 32 * i;
            if (Arrays.equals(t, entry, entry + 16, VIRTUAL_DISK_SIZE, 0, 16)) {
                long itemOffset = Bytes.u32le(t, entry + 16);
                if (itemOffset + 8 <= TABLE_WINDOW) {
                    // The item lies inside the table window already captured.
                    virtualDiskSize = new CaptureRegion(0, 8);
                    virtualDiskSize.capture(0, t, (int) itemOffset, 8);
                } else {
                    virtualDiskSize = capture(metadataOffset + itemOffset, 8);
                }
                return;
            }
        }
        invalid("vhdx metadata has no virtual disk size");
    }

    @Override
    long virtualSize() {
        return Bytes.u64le(virtualDiskSize.data(), 0);
    }
}
