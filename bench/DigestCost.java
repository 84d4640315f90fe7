import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The cost of the two digests an upload computes (md5 and sha512), alone, in a JVM like glance-api's: reads FILE in
 * 1 MiB blocks and feeds both digests, one after the other on one thread (CPU time is what is compared, and a second
 * thread would only add its hand-off to it). Prints one line:
 * {@code bytes cpu_seconds wall_seconds md5 sha512}. bench/compare.sh divides the server's CPU per GiB of upload by
 * this figure's CPU per GiB.
 */
public final class DigestCost {
    private static final int BLOCK = 1024 * 1024;

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java DigestCost.java FILE");
            System.exit(2);
        }
        // One warm-up pass over 64 MiB so that the JIT has compiled the digest loops (glance-api is warm too).
        run(Path.of(args[0]), 64L * BLOCK);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        String[] digests = run(Path.of(args[0]), Long.MAX_VALUE);
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        System.out.printf(Locale.ROOT, "%s %.3f %.3f %s %s%n", digests[2], cpu / 1e9, wall / 1e9, digests[0],
                digests[1]);
    }

    /** md5 hex, sha512 hex, bytes read. */
    private static String[] run(Path file, long limit) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        long total = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] block = new byte[BLOCK];
            ByteBuffer buffer = ByteBuffer.wrap(block);
            while (total < limit) {
                buffer.clear();
                int read = channel.read(buffer);
                if (read < 0) {
                    break;
                }
                md5.update(block, 0, read);
                sha512.update(block, 0, read);
                total += read;
            }
        }
        HexFormat hex = HexFormat.of();
        return new String[] {hex.formatHex(md5.digest()), hex.formatHex(sha512.digest()), Long.toString(total)};
    }
}
