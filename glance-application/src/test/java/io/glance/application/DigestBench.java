package io.glance.application;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.ExecutorService;

/**
 * Not a test: prints the throughput of md5 alone, sha512 alone, both in one thread, and {@link UploadStream} (md5 and
 * sha512 on two workers) over 1 GiB of generated data read in 1 MiB chunks, as a store driver would. Run with
 * {@code java -cp glance-application/target/classes:glance-application/target/test-classes:<domain, ports, spi jars>
 * io.glance.application.DigestBench [GiB]}, or through the IDE.
 */
public final class DigestBench {
    private static final int BLOCK = 64 * 1024 * 1024;
    private static final int READ = 1024 * 1024;

    private DigestBench() {
    }

    public static void main(String[] args) throws Exception {
        long total = (args.length > 0 ? Long.parseLong(args[0]) : 1L) << 30;
        byte[] block = new byte[BLOCK];
        new Random(42).nextBytes(block);
        System.out.printf("%d MiB of data, %d cores, Java %s%n", total >> 20,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        try (ExecutorService executor = GlanceServices.newDigestExecutor()) {
            for (int round = 1; round <= 2; round++) {
                System.out.println("round " + round + (round == 1 ? " (warm-up)" : ""));
                report("md5 alone", total, () -> digests(block, total, "MD5"));
                report("sha512 alone", total, () -> digests(block, total, "SHA-512"));
                report("md5 + sha512 sequential", total, () -> digests(block, total, "MD5", "SHA-512"));
                report("UploadStream (parallel)", total, () -> parallel(block, total, executor));
            }
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static void report(String name, long total, Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("  %-26s %7.0f MiB/s%n", name, (total >> 20) / seconds);
    }

    private static void digests(byte[] block, long total, String... algorithms) throws Exception {
        MessageDigest[] digests = new MessageDigest[algorithms.length];
        for (int i = 0; i < algorithms.length; i++) {
            digests[i] = MessageDigest.getInstance(algorithms[i]);
        }
        try (InputStream in = new RepeatingStream(block, total)) {
            byte[] buffer = new byte[READ];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (MessageDigest digest : digests) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        for (MessageDigest digest : digests) {
            digest.digest();
        }
    }

    private static void parallel(byte[] block, long total, ExecutorService executor) throws IOException {
        UploadStream stream = new UploadStream(new RepeatingStream(block, total), Long.MAX_VALUE, executor);
        byte[] buffer = new byte[READ];
        while (stream.read(buffer) >= 0) {
            // Only the stream's own work is measured: a driver would write the buffer somewhere.
        }
        stream.finish();
    }

    /** {@code total} bytes made of {@code block} over and over, without holding them in memory. */
    private static final class RepeatingStream extends InputStream {
        private final byte[] block;
        private long remaining;
        private int position;

        RepeatingStream(byte[] block, long total) {
            this.block = block;
            this.remaining = total;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int count = (int) Math.min(Math.min(length, remaining), block.length - position);
            System.arraycopy(block, position, buffer, offset, count);
            position = (position + count) % block.length;
            remaining -= count;
            return count;
        }
    }
}
