package io.glance.adapters.importing;

import io.glance.importing.spi.ImportContext;

import com.sun.nio.file.ExtendedOpenOption;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversion to raw in windows of the virtual disk, one {@code qemu-img convert} per window, each announced to the
 * host ({@link ImportContext#writtenUpTo}) once its process has ended: the host hashes window k while qemu-img
 * converts window k+1, instead of reading the whole converted file again afterwards (for 4 GiB that read was about
 * 14 CPU s of md5 and sha512 after a 14 s conversion, bench/README).
 * <p>
 * Each process reads the window through qemu-img's raw driver ({@code offset}, {@code size}) over the source format's
 * node (the format stays explicit, as {@code -f} would make it) and writes it through the same window of the output
 * file, which is created at the virtual size first (so its holes read as zeros: {@code --target-is-zero} keeps
 * zero clusters holes, as a plain convert does) and opened with {@code -n}. {@code -W}: out-of-order writes within a
 * window; the bytes are the same and a 1 GiB qcow2 took 1.3-2.2 s instead of 2.6-4.2 s (runs alternated, bench/README).
 * <p>
 * Where the file system takes {@code O_DIRECT}, the output is written with it ({@code -t none}): the converted bytes go
 * from qemu-img's buffers to the disk, which the store's fsync needs anyway, instead of into gigabytes of dirty page
 * cache that the kernel must fill, write back and reclaim, which cost more CPU than the conversion itself
 * (bench/README, import-conversion.sh). The host's digest reader reads the windows back without the page cache too.
 * <p>
 * Every process runs under the address-space limit, and all of them together under the CPU-time limit: each gets
 * what the earlier ones left (their CPU is sampled while they run, so up to 100 ms each may go uncounted).
 */
final class RawWindows {
    /**
     * Bytes of virtual disk per process. Larger windows leave more hashing after the last qemu-img (about 0.5 s per
     * 256 MiB at one core per digest); smaller ones start more processes (some 10-20 ms each).
     */
    static final long WINDOW = 256L << 20;

    private RawWindows() {
    }

    /**
     * Writes the raw form of the staged data into {@code converted}.
     *
     * @param qemuFormat the source's format in qemu-img's words, already checked by {@code qemu-img info}
     * @param window     bytes of virtual disk per process ({@link #WINDOW}; tests use less)
     * @throws IllegalArgumentException when the raw image would exceed {@code image_size_cap}
     * @throws QemuImgException         when a process fails or the CPU time is used up
     */
    static void convert(ImportContext context, String qemuFormat, Path converted, long virtualSize, long window,
                        QemuImgProcess qemuImg) throws IOException, InterruptedException {
        Path staged = context.stagedData();
        convert(context, qemuFormat, (offset, size) -> staged, converted, virtualSize, window, qemuImg);
    }

    /** Where each window is read from, once all it needs is there. */
    @FunctionalInterface
    interface Source {
        /** The file to read {@code size} bytes of virtual disk from {@code offset} from, waiting until it can be. */
        Path ready(long offset, long size) throws IOException, InterruptedException;
    }

    /**
     * {@link #convert(ImportContext, String, Path, long, long, QemuImgProcess)} from a {@code source} that may still
     * be arriving: each window's process starts once the source says its bytes are there ({@link ArrivingQcow2}).
     */
    static void convert(ImportContext context, String qemuFormat, Source source, Path converted, long virtualSize,
                        long window, QemuImgProcess qemuImg) throws IOException, InterruptedException {
        if (virtualSize > context.sizeCap()) {
            throw new IllegalArgumentException("The converted image (" + virtualSize + " bytes) exceeds the "
                    + "image_size_cap of " + context.sizeCap() + " bytes");
        }
        try (RandomAccessFile file = new RandomAccessFile(converted.toFile(), "rw")) {
            file.setLength(virtualSize);
        }
        List<String> cacheMode = takesDirectIo(converted) ? List.of("-t", "none") : List.of();
        Duration left = qemuImg.cpuTime();
        for (long offset = 0; offset < virtualSize; offset += window) {
            long size = Math.min(window, virtualSize - offset);
            if (left.toSeconds() < 1) {
                throw new QemuImgException("qemu-img convert used up its CPU time limit of "
                        + qemuImg.cpuTime().toSeconds() + " s after " + offset + " of " + virtualSize + " bytes");
            }
            Path from = source.ready(offset, size);
            List<String> args = new ArrayList<>(List.of("convert", "-n", "-W", "--target-is-zero"));
            args.addAll(cacheMode);
            args.addAll(List.of("--image-opts", window(qemuFormat + ",file.file.driver=file,file.file.filename",
                    from, offset, size), "--target-image-opts", window("file,file.filename", converted, offset,
                    size)));
            QemuImgProcess.Output done = qemuImg.run(args, left);
            left = left.minus(done.cpuSeen());
            context.writtenUpTo(converted, offset + size);
        }
        long written = Files.size(converted);
        if (written != virtualSize) {
            throw new QemuImgException("qemu-img convert left " + written + " bytes instead of the virtual size "
                    + virtualSize);
        }
    }

    /** Whether {@code file} can be opened with {@code O_DIRECT} (not on tmpfs, for one), as qemu-img's -t none needs. */
    private static boolean takesDirectIo(Path file) {
        try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)) {
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The raw driver's window over {@code file.driver=NODE...=file}; commas in the path doubled, as qemu wants. */
    private static String window(String node, Path file, long offset, long size) {
        return "driver=raw,offset=" + offset + ",size=" + size + ",file.driver=" + node + "="
                + file.toAbsolutePath().toString().replace(",", ",,");
    }
}
