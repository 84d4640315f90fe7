package io.glance.testing.images;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Images qemu-img cannot make, built byte by byte from their specifications. */
public final class SampleImages {

    private SampleImages() {
    }

    /**
     * An ISO 9660 image: a zero system area, a primary volume descriptor at 32 KiB ({@code CD001}, volume space
     * size at 80 and logical block size 2048 at 128, both-endian as the standard writes them) and a terminator.
     */
    public static Path iso(Path file, int blocks) throws IOException {
        ByteBuffer image = ByteBuffer.allocate(blocks * 2048).order(ByteOrder.LITTLE_ENDIAN);
        int pvd = 16 * 2048;
        image.put(pvd, (byte) 1);
        image.put(pvd + 1, "CD001".getBytes(StandardCharsets.US_ASCII));
        image.put(pvd + 6, (byte) 1);
        image.putInt(pvd + 80, blocks);
        image.order(ByteOrder.BIG_ENDIAN).putInt(pvd + 84, blocks).order(ByteOrder.LITTLE_ENDIAN);
        image.putShort(pvd + 128, (short) 2048);
        image.order(ByteOrder.BIG_ENDIAN).putShort(pvd + 130, (short) 2048).order(ByteOrder.LITTLE_ENDIAN);
        int terminator = 17 * 2048;
        image.put(terminator, (byte) 255);
        image.put(terminator + 1, "CD001".getBytes(StandardCharsets.US_ASCII));
        return Files.write(file, image.array());
    }

    /** A raw disk with an MBR holding one Linux partition (type 0x83) from sector 2048. */
    public static Path mbrDisk(Path file, int sectors) throws IOException {
        ByteBuffer disk = ByteBuffer.allocate(sectors * 512).order(ByteOrder.LITTLE_ENDIAN);
        int entry = 446;
        disk.put(entry, (byte) 0x80);
        disk.put(entry + 4, (byte) 0x83);
        disk.putInt(entry + 8, 2048);
        disk.putInt(entry + 12, sectors - 2048);
        disk.put(510, (byte) 0x55);
        disk.put(511, (byte) 0xAA);
        return Files.write(file, disk.array());
    }
}
