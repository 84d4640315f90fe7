package io.glance.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * The digest of a file built from the bytes a resumable upload sends, although a resumed upload sends some ranges
 * twice (what the server lost) and may skip some (what another attempt had sent): only bytes that continue the
 * digested prefix are taken, and {@link #finish} reads whatever is still missing from the file itself.
 */
final class SequentialDigest {
    private final MessageDigest digest;
    private long position;

    SequentialDigest(String algorithm) {
        this.digest = HashAlgorithms.digest(algorithm);
    }

    /** Bytes of the file at {@code offset}: the part after the digested prefix is taken, if it joins it. */
    synchronized void update(long offset, byte[] bytes, int from, int length) {
        long end = offset + length;
        if (offset > position || end <= position) {
            return;
        }
        int skip = (int) (position - offset);
        digest.update(bytes, from + skip, length - skip);
        position = end;
    }

    long position() {
        return position;
    }

    /** Reads the file from the digested prefix to {@code size} and returns the hex digest. */
    synchronized String finish(Path file, long size) throws IOException {
        if (position < size) {
            byte[] block = new byte[DataBody.BLOCK];
            ByteBuffer buffer = ByteBuffer.wrap(block);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                while (position < size) {
                    buffer.clear().limit((int) Math.min(block.length, size - position));
                    int n = channel.read(buffer, position);
                    if (n < 0) {
                        throw new IOException(file + " is shorter than the " + size + " bytes uploaded");
                    }
                    digest.update(block, 0, n);
                    position += n;
                }
            }
        }
        return HashAlgorithms.hex(digest.digest());
    }
}
