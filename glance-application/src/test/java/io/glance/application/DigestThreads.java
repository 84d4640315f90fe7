package io.glance.application;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Counts the threads still computing an upload digest, to prove that none are left behind. */
final class DigestThreads {

    private DigestThreads() {
    }

    /**
     * How many threads are inside a digest worker's loop, after waiting up to a second for cancelled ones to leave
     * it. Idle threads of the executor's pool do not count. This reads a full thread dump, which also lists virtual
     * threads (unlike {@link Thread#getAllStackTraces()}).
     */
    static long running() throws Exception {
        long count = 0;
        for (int attempt = 0; attempt < 50; attempt++) {
            count = countInDump();
            if (count == 0) {
                return 0;
            }
            Thread.sleep(20);
        }
        return count;
    }

    private static long countInDump() throws Exception {
        Path dump = Files.createTempFile("glance-threads", ".txt");
        Files.delete(dump);
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), ThreadDumpFormat.TEXT_PLAIN);
            try (Stream<String> lines = Files.lines(dump)) {
                return lines.filter(line -> line.contains("ParallelDigests$Worker.run")).count();
            }
        } finally {
            Files.deleteIfExists(dump);
        }
    }
}
