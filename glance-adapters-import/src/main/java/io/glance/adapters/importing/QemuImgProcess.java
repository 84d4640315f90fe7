package io.glance.adapters.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Runs {@code qemu-img} as a child process under {@code prlimit}: a CPU-time limit (the kernel kills it when used
 * up) and an address-space limit (allocations beyond it fail), as Glance does with {@code QEMU_IMG_PROC_LIMITS},
 * so a hostile image cannot make the converter spin or swell. A wall-clock timeout (four times the CPU limit, at
 * least a minute) covers a process stuck in I/O.
 *
 * @param executable   {@code qemu-img}, or a path to it
 * @param cpuTime      CPU seconds the process may use
 * @param addressSpace bytes of address space the process may map
 */
record QemuImgProcess(String executable, Duration cpuTime, long addressSpace) {
    private static final int SIGKILL_EXIT = 128 + 9;
    private static final int SIGXCPU_EXIT = 128 + 24;
    private static final long SAMPLE_MILLIS = 100;

    QemuImgProcess {
        requireNonNull(executable, "executable is null");
        requireNonNull(cpuTime, "cpuTime is null");
        if (cpuTime.toSeconds() < 1 || addressSpace <= 0) {
            throw new IllegalArgumentException("need at least 1 s of CPU time (" + cpuTime + ") and some address"
                    + " space (" + addressSpace + ")");
        }
    }

    /**
     * What the process printed, and the CPU time it was seen to use: sampled every 100 ms while it ran (the kernel's
     * figure is gone once it has been reaped), so up to its last 100 ms may be missing.
     */
    record Output(String stdout, String stderr, Duration cpuSeen) {
    }

    /**
     * Runs {@code qemu-img ARGS}.
     *
     * @throws QemuImgException when it fails, is killed by a limit, or runs out of time; the message says which and
     *                          carries qemu-img's own error
     */
    Output run(List<String> args) throws IOException, InterruptedException {
        return run(args, cpuTime);
    }

    /**
     * Runs {@code qemu-img ARGS} with at most {@code cpuLimit} (whole seconds, at least one) of CPU time, e.g. what a
     * conversion in several processes has left of {@link #cpuTime}.
     */
    Output run(List<String> args, Duration cpuLimit) throws IOException, InterruptedException {
        if (cpuLimit.toSeconds() < 1) {
            throw new IllegalArgumentException("need at least 1 s of CPU time (" + cpuLimit + ")");
        }
        List<String> command = new ArrayList<>(List.of("prlimit", "--cpu=" + cpuLimit.toSeconds(),
                "--as=" + addressSpace, "--", executable));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile())).start();
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        Duration wall = cpuLimit.multipliedBy(4).compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1)
                : cpuLimit.multipliedBy(4);
        long deadline = System.nanoTime() + wall.toNanos();
        Duration cpuSeen = Duration.ZERO;
        try {
            while (!process.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
                cpuSeen = process.info().totalCpuDuration().orElse(cpuSeen);
                if (System.nanoTime() - deadline > 0) {
                    process.destroyForcibly().waitFor();
                    throw new QemuImgException("qemu-img " + args.getFirst() + " did not finish within "
                            + wall.toSeconds() + " s and was stopped");
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        int exit = process.exitValue();
        String err = stderr.join().strip();
        if (exit == SIGKILL_EXIT || exit == SIGXCPU_EXIT) {
            throw new QemuImgException("qemu-img " + args.getFirst() + " was killed by its limits (CPU time "
                    + cpuLimit.toSeconds() + " s, address space " + addressSpace + " bytes)"
                    + (err.isEmpty() ? "" : ": " + err));
        }
        if (exit != 0) {
            throw new QemuImgException("qemu-img " + args.getFirst() + " failed (exit " + exit + ")"
                    + (err.isEmpty() ? "" : ": " + err));
        }
        return new Output(stdout.join(), err, cpuSeen);
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                // qemu-img's output is small (info JSON, error lines); cap what is kept all the same.
                byte[] bytes = stream.readNBytes(1 << 20);
                stream.transferTo(java.io.OutputStream.nullOutputStream());
                return new String(bytes, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, Thread::startVirtualThread);
    }
}
