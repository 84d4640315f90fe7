package io.glance.application;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Counts the upload digest threads still alive, to prove that none leak. */
final class DigestThreads {

    private DigestThreads() {
    }

    /**
     * How many threads named {@code glance-upload-digest-*} exist, after waiting up to a second for cancelled ones to
     * end. Virtual threads are missing from {@link Thread#getAllStackTraces()}, so this reads a full thread dump.
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
                return lines.filter(line -> line.contains("glance-upload-digest-")).count();
            }
        } finally {
            Files.deleteIfExists(dump);
        }
    }
}
