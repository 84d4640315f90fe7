package io.glance.application.inspection;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/** Reads the integers and magic strings of on-disk headers. */
final class Bytes {

    private Bytes() {
    }

    static long u64be(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 8).order(ByteOrder.BIG_ENDIAN).getLong();
    }

    static long u64le(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static long u32le(byte[] b, int at) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    static long u32be(byte[] b, int at) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(b, at, 4).order(ByteOrder.BIG_ENDIAN).getInt());
    }

    static int u16le(byte[] b, int at) {
        return Short.toUnsignedInt(ByteBuffer.wrap(b, at, 2).order(ByteOrder.LITTLE_ENDIAN).getShort());
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    /** Whether {@code b} holds the ASCII text {@code magic} at {@code at}. */
    static boolean startsWith(byte[] b, int at, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
        return b.length >= at + m.length && Arrays.equals(b, at, at + m.length, m, 0, m.length);
    }

    /**
     * A GUID as Microsoft formats store it (VHDX): the first three fields little-endian, the rest as written, which
     * is Python's {@code uuid.bytes_le}.
     */
    static byte[] guidLe(String guid) {
        UUID uuid = UUID.fromString(guid);
        ByteBuffer be = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        byte[] b = be.array();
        byte[] le = b.clone();
        le[0] = b[3];
        le[1] = b[2];
        le[2] = b[1];
        le[3] = b[0];
        le[4] = b[5];
        le[5] = b[4];
        le[6] = b[7];
        le[7] = b[6];
        return le;
    }
}
