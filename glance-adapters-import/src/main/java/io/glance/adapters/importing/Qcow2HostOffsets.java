package io.glance.adapters.importing;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import static java.util.Objects.requireNonNull;

/**
 * How much of a qcow2 file must be there before qemu-img can convert one window of its virtual disk: the header
 * cluster (with its extensions), the L1 table and the refcount table (all read when qemu-img opens the image), the
 * window's L2 tables and the data clusters they point at. Read from a file that is still being written: each table is
 * read only once the bytes it occupies have arrived ({@link Arrival}). qemu reads bytes beyond the end of a file as
 * zeros, so a window converted before its clusters arrived would silently come out as zeros: this map is what makes
 * converting during the download safe.
 * <p>
 * Only plain layouts are mapped; anything else is a {@link Doubt} and the caller waits for the whole file: compressed
 * clusters (their length is not a whole cluster), encryption, snapshots (qemu-img reads their tables too), any
 * incompatible or autoclear feature bit (dirty, corrupt, external data file, extended L2, compression type, bitmaps),
 * header extensions other than the feature name table, a backing file, reserved bits set, offsets not aligned to a
 * cluster or that overflow. The order of the file does not matter: an L2 table after its data only makes the window
 * wait longer.
 */
final class Qcow2HostOffsets {

    /** How the map waits for bytes of the file. */
    @FunctionalInterface
    interface Arrival {
        /**
         * Waits until the file holds at least {@code length} bytes or is complete.
         *
         * @return the bytes the file holds now: at least {@code length} unless the file ends before
         */
        long awaitWritten(long length) throws IOException, InterruptedException;
    }

    /** The layout is not one this map vouches for: convert only once the whole file is there. */
    static final class Doubt extends Exception {
        Doubt(String message) {
            super(message);
        }
    }

    private static final int MAGIC = 0x514649fb;
    private static final int V2_HEADER = 72;
    private static final int V3_HEADER = 104;
    /** Bits 9-55 of an L1 or L2 entry: the host offset. */
    private static final long OFFSET_MASK = 0x00ff_ffff_ffff_fe00L;
    private static final long COPIED = 1L << 63;
    private static final long COMPRESSED = 1L << 62;
    private static final long ZERO = 1L;
    private static final long L1_RESERVED = ~(OFFSET_MASK | COPIED);
    private static final long L2_RESERVED = ~(OFFSET_MASK | COPIED | COMPRESSED | ZERO);
    /** qemu's QCOW_MAX_L1_SIZE. */
    private static final long MAX_L1_BYTES = 32L << 20;
    private static final int FEATURE_NAME_TABLE = 0x6803f857;

    private final FileChannel file;
    private final Arrival arrival;
    private final int clusterBits;
    private final long virtualSize;
    private final long metadataEnd;
    private final long[] l1;

    private Qcow2HostOffsets(FileChannel file, Arrival arrival, int clusterBits, long virtualSize, long metadataEnd,
                             long[] l1) {
        this.file = file;
        this.arrival = arrival;
        this.clusterBits = clusterBits;
        this.virtualSize = virtualSize;
        this.metadataEnd = metadataEnd;
        this.l1 = l1;
    }

    /**
     * Reads the header and the L1 table, waiting for them (and for the refcount table) to arrive.
     *
     * @throws Doubt when the layout is not a plain one, or the file ends before its metadata
     */
    static Qcow2HostOffsets open(FileChannel file, Arrival arrival) throws IOException, InterruptedException, Doubt {
        requireNonNull(file, "file is null");
        requireNonNull(arrival, "arrival is null");
        ByteBuffer fixed = read(file, arrival, 0, V2_HEADER);
        if (fixed.getInt(0) != MAGIC) {
            throw new Doubt("not a qcow2 header");
        }
        int version = fixed.getInt(4);
        if (version != 2 && version != 3) {
            throw new Doubt("qcow2 version " + version);
        }
        if (fixed.getLong(8) != 0) {
            throw new Doubt("a backing file");
        }
        int clusterBits = fixed.getInt(20);
        if (clusterBits < 9 || clusterBits > 21) {
            throw new Doubt("cluster_bits " + clusterBits);
        }
        long cluster = 1L << clusterBits;
        ByteBuffer header = read(file, arrival, 0, (int) cluster);
        long virtualSize = header.getLong(24);
        if (header.getInt(32) != 0) {
            throw new Doubt("encryption");
        }
        long l1Entries = Integer.toUnsignedLong(header.getInt(36));
        long l1Offset = header.getLong(40);
        long refcountOffset = header.getLong(48);
        long refcountClusters = Integer.toUnsignedLong(header.getInt(56));
        if (header.getInt(60) != 0) {
            throw new Doubt("snapshots");
        }
        int extensions = V2_HEADER;
        if (version == 3) {
            if (header.getLong(72) != 0 || header.getLong(88) != 0) {
                throw new Doubt("incompatible or autoclear feature bits");
            }
            extensions = header.getInt(100);
            if (extensions < V3_HEADER || extensions > cluster || extensions % 8 != 0) {
                throw new Doubt("header_length " + extensions);
            }
        }
        checkExtensions(header, extensions, (int) cluster);
        long l2Entries = cluster / 8;
        if (virtualSize < 0 || l1Entries * 8 > MAX_L1_BYTES
                || l1Entries < ceilDiv(ceilDiv(virtualSize, cluster), l2Entries)) {
            throw new Doubt("virtual size " + virtualSize + " against " + l1Entries + " L1 entries");
        }
        long metadataEnd;
        try {
            aligned(l1Offset, cluster, "L1 table");
            aligned(refcountOffset, cluster, "refcount table");
            if (l1Offset == 0 && l1Entries > 0 || refcountOffset == 0 || refcountClusters == 0) {
                throw new Doubt("no L1 or refcount table");
            }
            metadataEnd = Math.max(cluster, Math.max(Math.addExact(l1Offset, l1Entries * 8),
                    Math.addExact(refcountOffset, Math.multiplyExact(refcountClusters, cluster))));
        } catch (ArithmeticException e) {
            throw new Doubt("table offsets overflow");
        }
        int used = (int) ceilDiv(ceilDiv(virtualSize, cluster), l2Entries);
        long[] l1 = new long[used];
        if (used > 0) {
            ByteBuffer table = read(file, arrival, l1Offset, used * 8);
            table.asLongBuffer().get(l1);
        }
        if (arrival.awaitWritten(metadataEnd) < metadataEnd) {
            throw new Doubt("the file ends before its refcount table");
        }
        return new Qcow2HostOffsets(file, arrival, clusterBits, virtualSize, metadataEnd, l1);
    }

    /** The virtual disk's size, from the header. */
    long virtualSize() {
        return virtualSize;
    }

    /** The bytes qemu-img reads to open the image: header cluster, L1 table, refcount table. */
    long metadataEnd() {
        return metadataEnd;
    }

    /**
     * The length of file that holds everything qemu-img reads to convert {@code size} bytes of virtual disk from
     * {@code offset}: the metadata, the window's L2 tables and every data cluster they map. Waits for each L2 table
     * to arrive before reading it (but not for the data clusters: wait for the result for that).
     *
     * @throws Doubt when an entry is compressed, has reserved bits set or an unaligned offset, or the file ends
     *               before an L2 table
     */
    long needed(long offset, long size) throws IOException, InterruptedException, Doubt {
        if (offset < 0 || size <= 0 || offset > virtualSize - size) {
            throw new IllegalArgumentException("window " + offset + "+" + size + " outside " + virtualSize);
        }
        long cluster = 1L << clusterBits;
        long l2Entries = cluster / 8;
        long first = offset >>> clusterBits;
        long last = (offset + size - 1) >>> clusterBits;
        long needed = metadataEnd;
        for (long table = first / l2Entries; table <= last / l2Entries; table++) {
            long entry = l1[(int) table];
            if ((entry & L1_RESERVED) != 0) {
                throw new Doubt("reserved bits in L1 entry " + table);
            }
            long l2Offset = entry & OFFSET_MASK;
            if (l2Offset == 0) {
                continue;
            }
            aligned(l2Offset, cluster, "L2 table " + table);
            needed = Math.max(needed, l2Offset + cluster);
            long from = Math.max(first, table * l2Entries) - table * l2Entries;
            long to = Math.min(last, (table + 1) * l2Entries - 1) - table * l2Entries;
            ByteBuffer entries = read(file, arrival, l2Offset + from * 8, (int) ((to - from + 1) * 8));
            while (entries.hasRemaining()) {
                long l2 = entries.getLong();
                if ((l2 & COMPRESSED) != 0) {
                    throw new Doubt("compressed clusters");
                }
                if ((l2 & L2_RESERVED) != 0) {
                    throw new Doubt("reserved bits in an L2 entry of table " + table);
                }
                long host = l2 & OFFSET_MASK;
                if (host != 0) {
                    aligned(host, cluster, "a data cluster");
                    needed = Math.max(needed, host + cluster);
                }
            }
        }
        return needed;
    }

    /** Header extensions up to the end marker: only the feature name table (names for error messages) is harmless. */
    private static void checkExtensions(ByteBuffer header, int start, int cluster) throws Doubt {
        int at = start;
        while (at + 8 <= cluster) {
            int type = header.getInt(at);
            long length = Integer.toUnsignedLong(header.getInt(at + 4));
            if (type == 0) {
                return;
            }
            if (type != FEATURE_NAME_TABLE) {
                throw new Doubt("header extension 0x" + Integer.toHexString(type));
            }
            at += 8 + (int) Math.min(cluster, ceilDiv(length, 8) * 8);
        }
        throw new Doubt("header extensions without an end");
    }

    private static void aligned(long offset, long cluster, String what) throws Doubt {
        if (offset < 0 || (offset & (cluster - 1)) != 0) {
            throw new Doubt(what + " at unaligned offset " + offset);
        }
    }

    /** {@code length} bytes at {@code position}, once they have arrived. */
    private static ByteBuffer read(FileChannel file, Arrival arrival, long position, int length)
            throws IOException, InterruptedException, Doubt {
        if (arrival.awaitWritten(position + length) < position + length) {
            throw new Doubt("the file ends at a table (" + position + "+" + length + ")");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("the file ends before " + (position + length));
            }
        }
        return buffer.flip();
    }

    private static long ceilDiv(long value, long divisor) {
        return (value + divisor - 1) / divisor;
    }
}
