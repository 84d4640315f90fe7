import io.glance.client.DownloadResult;
import io.glance.client.GlanceClient;
import io.glance.client.Image;
import io.glance.client.NewImage;
import io.glance.client.ProgressListener;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The Java client's own cost of moving image data, without the JVM's start: in one JVM, after one warm-up round
 * (the JIT has compiled the data path, as in a long-lived program using the library), RUNS uploads of FILE into new
 * images and RUNS verified downloads of one of them (into a file under the same directory, or /dev/null). Prints
 * one line per transfer, {@code up|down wall_s cpu_s mib_per_s cpu_s_per_gib}, the CPU being the whole process's
 * (every thread: the data path, the read-ahead thread, the JIT, GC).
 * <pre>java -cp 'glance-cli/target/lib/*' bench/ClientTransferCost.java URL FILE RUNS [TARGET]</pre>
 * bench/client.sh runs it beside the curl and bin/glance rows.
 */
public final class ClientTransferCost {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java ClientTransferCost.java URL FILE RUNS [TARGET]");
            System.exit(2);
        }
        GlanceClient client = GlanceClient.create(URI.create(args[0]));
        Path file = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        Path target = args.length > 3 ? Path.of(args[3]) : Path.of("/dev/null");
        long bytes = Files.size(file);
        String last = upload(client, file, bytes, "warm-up", false);
        download(client, last, target, bytes, false);
        client.delete(last);
        for (int i = 0; i < runs; i++) {
            String id = upload(client, file, bytes, "java-" + i, true);
            download(client, id, target, bytes, true);
            client.delete(id);
        }
    }

    private static String upload(GlanceClient client, Path file, long bytes, String name, boolean print) {
        Image image = client.create(NewImage.named(name).diskFormat("raw").containerFormat("bare"));
        long[] start = now();
        client.upload(image.id(), file, ProgressListener.NONE);
        if (print) {
            report("up", bytes, start);
        }
        return image.id();
    }

    private static void download(GlanceClient client, String id, Path target, long bytes, boolean print) {
        long[] start = now();
        DownloadResult result = target.toString().equals("/dev/null")
                ? client.download(id, OutputStream.nullOutputStream(), ProgressListener.NONE)
                : client.download(id, target, ProgressListener.NONE);
        if (!result.verified() || result.bytes() != bytes) {
            throw new IllegalStateException("download not verified or short: " + result);
        }
        if (print) {
            report("down", bytes, start);
        }
    }

    private static long[] now() {
        if (BREAKDOWN) {
            threadsBefore = threadTimes();
        }
        return new long[] {System.nanoTime(), cpu()};
    }

    /** With -Dbreakdown=true: each thread's user and system CPU seconds of the transfer, from /proc. */
    private static final boolean BREAKDOWN = Boolean.getBoolean("breakdown");
    private static java.util.Map<String, long[]> threadsBefore = java.util.Map.of();

    /** thread id + name -> {utime, stime} in clock ticks (100 per second on Linux). */
    private static java.util.Map<String, long[]> threadTimes() {
        java.util.Map<String, long[]> times = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    times.put(task.getFileName() + " " + name,
                            new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])});
                } catch (java.io.IOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return times;
    }

    private static void printBreakdown() {
        threadTimes().forEach((thread, after) -> {
            long[] before = threadsBefore.getOrDefault(thread, new long[2]);
            long user = after[0] - before[0];
            long system = after[1] - before[1];
            if (user + system > 0) {
                System.out.printf(Locale.ROOT, "    %-40s user %.2f s, sys %.2f s%n", thread, user / 100.0,
                        system / 100.0);
            }
        });
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void report(String what, long bytes, long[] start) {
        double wall = (System.nanoTime() - start[0]) / 1e9;
        double cpu = (cpu() - start[1]) / 1e9;
        double gib = bytes / 1073741824.0;
        System.out.printf(Locale.ROOT, "%s %.3f %.3f %.1f %.3f%n", what, wall, cpu, bytes / 1048576.0 / wall,
                cpu / gib);
        if (BREAKDOWN) {
            printBreakdown();
        }
    }
}
