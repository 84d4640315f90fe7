import io.glance.adapters.db.DatabaseSettings;
import io.glance.adapters.db.GlanceDatabase;
import io.glance.domain.ImageId;
import io.glance.domain.upload.UploadSession;
import io.glance.ports.out.UploadSessions;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * What the embedded H2's settings cost per write transaction, through glance-api's own database layer: upload
 * sessions created and moved on (two commits each) for SECONDS, printing every 10 s the commits so far, the file's
 * size, the heap after a full GC, the process's CPU seconds and the longest commit of the last 10 s (an online
 * compaction holds commits back while it runs). MODE is "append" (glance-api's URL: REUSE_SPACE=FALSE with online
 * compaction) or "reuse" (the URL before it: H2 reuses space, loses commits on kill -9, never shrinks while open).
 * Arguments: DATA_DIR MODE SECONDS.
 */
public class H2CommitCost {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String mode = args[1];
        long seconds = Long.parseLong(args[2]);
        DatabaseSettings product = DatabaseSettings.embeddedH2(dir);
        String url = switch (mode) {
            case "append" -> product.jdbcUrl();
            case "reuse" -> product.jdbcUrl().replace(";REUSE_SPACE=FALSE", "");
            default -> throw new IllegalArgumentException("MODE must be append or reuse: " + mode);
        };
        DatabaseSettings settings = new DatabaseSettings(url, product.user(), product.password(),
                product.maxPoolSize(), product.connectionTimeout(), true);
        Path file = dir.resolve("glance.mv.db");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (GlanceDatabase database = GlanceDatabase.open(settings)) {
            UploadSessions sessions = database.uploadSessions();
            Instant now = Instant.now();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long nextReport = start + 10_000_000_000L;
            long commits = 0;
            long slowest = 0;
            long cpuStart = os.getProcessCpuTime();
            System.out.printf("%6s %9s %10s %9s %8s %9s %11s%n", "s", "commits", "commits/s", "file MB", "heap MB",
                    "CPU s", "slowest ms");
            while (System.nanoTime() < end) {
                String id = UUID.randomUUID().toString();
                long t0 = System.nanoTime();
                sessions.create(new UploadSession(id, new ImageId(UUID.randomUUID().toString()), "project", 1 << 20,
                        0, "", "node", now, now.plusSeconds(3600)));
                long t1 = System.nanoTime();
                sessions.progressed(id, 4096, now.plusSeconds(3600));
                long t2 = System.nanoTime();
                slowest = Math.max(slowest, Math.max(t1 - t0, t2 - t1));
                commits += 2;
                if (t2 >= nextReport) {
                    System.gc();
                    double elapsed = (t2 - start) / 1e9;
                    System.out.printf("%6.0f %9d %10.0f %9.1f %8.1f %9.1f %11.1f%n", elapsed, commits,
                            commits / elapsed, Files.size(file) / 1e6,
                            memory.getHeapMemoryUsage().getUsed() / 1e6, (os.getProcessCpuTime() - cpuStart) / 1e9,
                            slowest / 1e6);
                    slowest = 0;
                    nextReport += 10_000_000_000L;
                }
            }
        }
        System.out.printf("closed: file %.1f MB%n", Files.size(file) / 1e6);
    }
}
