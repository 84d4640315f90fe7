import io.glance.adapters.registry.RegistryImageRepository;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageQuery;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CPU per registry call on each side of the hop, by one calling thread: glance-api's side is this thread's own CPU
 * time (ThreadMXBean: it counts only the time the thread ran, so other work on the machine barely moves it), the
 * registry's side is its process's utime + stime over the same calls (which also counts its JIT and GC, and is the
 * noisier of the two on a busy machine). The calls are the registry client glance-api runs with
 * {@code data_api: registry}: whole-image creates, shows (findById) and lists of 25 (ImageQuery.firstPage(25)).
 *
 * <p>With {@code virtual} the calls run on a virtual thread, as glance-api's requests do (a virtual thread's blocking
 * read waits on the JDK's poller, a platform thread's in the kernel), and glance-api's side is this whole JVM's utime +
 * stime instead (a virtual thread has no CPU time of its own; the client's other threads, its poller and a
 * connection's reading thread, then count too), with its threads' voluntary context switches per call: the wake-ups.
 *
 * <p>Arguments: REGISTRY_URL REGISTRY_PID COUNT [virtual] (calls per operation; a warm-up of the same size runs first).
 */
public final class RegistryHopCost {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        if (args.length > 3 && args[3].equals("virtual")) {
            Exception[] failure = {null};
            Thread.ofVirtual().start(() -> {
                try {
                    run(args, true);
                } catch (Exception e) {
                    failure[0] = e;
                }
            }).join();
            if (failure[0] != null) {
                throw failure[0];
            }
        } else {
            run(args, false);
        }
    }

    private static void run(String[] args, boolean virtual) throws Exception {
        URI registry = URI.create(args[0]);
        long pid = Long.parseLong(args[1]);
        int count = Integer.parseInt(args[2]);
        // As glance-api: every call carries the id of the API request it serves (here one id per call).
        String[] requestId = {"req-00000000-0000-4000-8000-000000000000"};
        RegistryImageRepository repository = new RegistryImageRepository(registry, Duration.ofSeconds(30), null, null,
                () -> requestId[0]);
        RequestContext admin = RequestContext.noAuth("hop-cost");
        List<ImageId> ids = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            boolean report = round == 1;
            measure(report, virtual, "create", count, pid, i -> {
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                ImageId id = ImageId.random();
                repository.create(Image.newImage(id, now).name("hop-" + i).owner("bench").diskFormat("raw")
                        .containerFormat("bare").tags(Set.of("t" + (i % 3))).properties(Map.of("os_distro", "x"))
                        .build());
                ids.add(id);
            });
            measure(report, virtual, "show", count, pid, i -> repository.findById(ids.get(i % ids.size())).orElseThrow());
            measure(report, virtual, "list25", count, pid, i -> {
                if (repository.list(ImageQuery.firstPage(25), admin).size() != 25) {
                    throw new IllegalStateException("a list of 25 answered fewer images");
                }
            });
        }
    }

    interface Call {
        void run(int i) throws Exception;
    }

    private static void measure(boolean report, boolean virtual, String name, int count, long pid, Call call)
            throws Exception {
        long self = ProcessHandle.current().pid();
        long registry0 = processTicks(pid);
        long process0 = processTicks(self);
        long switches0 = voluntarySwitches(self);
        long own0 = virtual ? 0 : THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            call.run(i);
        }
        long wall = System.nanoTime() - wall0;
        long own = virtual ? (processTicks(self) - process0) * 10_000_000L : THREADS.getCurrentThreadCpuTime() - own0;
        long switches = voluntarySwitches(self) - switches0;
        long registry = (processTicks(pid) - registry0) * 10_000_000L; // USER_HZ 100: 10 ms a tick
        if (report && virtual) {
            System.out.printf(Locale.ROOT, "%-7s %6d calls  glance-api JVM %7.1f us/call, %5.2f wake-ups/call  registry"
                    + " %7.1f us/call  wall %7.1f us/call%n", name, count, own / 1e3 / count, (double) switches / count,
                    registry / 1e3 / count, wall / 1e3 / count);
        } else if (report) {
            System.out.printf(Locale.ROOT, "%-7s %6d calls  glance-api side %7.1f us/call  registry %7.1f us/call"
                    + "  wall %7.1f us/call%n", name, count, own / 1e3 / count, registry / 1e3 / count,
                    wall / 1e3 / count);
        }
    }

    /** Voluntary context switches of the process's live threads: each one a thread going to sleep to be woken. */
    private static long voluntarySwitches(long pid) throws Exception {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (java.io.IOException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        return sum;
    }

    private static long processTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
