package io.glance.adapters.db;

import io.glance.domain.upload.UploadSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit the embedded database acknowledged survives a {@code kill -9} of the process. A child JVM
 * ({@link KilledH2Writer}) records upload sessions one by one and prints each id once its commit returned; it is
 * killed with SIGKILL after a few seconds, and the database, reopened as glance-api reopens it, must hold every
 * printed id. Several rounds run on the same file.
 * <p>
 * H2 2.5 with space reuse loses commits here: once dead chunks are older than the retention time their space is
 * reused, and when a new chunk lands in such space rather than where the previous chunk predicted, H2 rewrites the
 * file header naming the previous chunk instead of the new one, so recovery after a kill stops a few commits early.
 * The child shortens the retention time from 45 s to 100 ms so that this starts within a second.
 */
class H2CommitsSurviveKillTest {
    private static final int RETENTION_MILLIS = 100;
    private static final long WRITE_MILLIS = 1_500;
    private static final long START_TIMEOUT_MILLIS = 60_000;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedCommitIsThereAfterKillMinus9() throws Exception {
        killRounds(5);
    }

    /**
     * The same while the online compaction runs every time the file grew by 256 KB, so that kills land before,
     * during and after compactions, which move chunks inside the file and truncate it.
     */
    @Test
    void everyAcknowledgedCommitIsThereAfterKillMinus9DuringOnlineCompactions() throws Exception {
        killRounds(4, Integer.toString(256 << 10));
        assertThat(compactionsLogged()).as("online compactions the writers logged in %s", writerLog())
                .isGreaterThan(4);
    }

    private void killRounds(int rounds, String... writerOptions) throws Exception {
        List<String> acked = Collections.synchronizedList(new ArrayList<>());
        for (int round = 1; round <= rounds; round++) {
            int before = acked.size();
            writeUntilKilled(acked, writerOptions);
            List<String> missing = missing(acked);
            assertThat(missing).as("round %d: %d sessions acknowledged in all (%d this round), missing after"
                    + " the kill", round, acked.size(), acked.size() - before).isEmpty();
            assertThat(acked.size()).as("round %d wrote something", round).isGreaterThan(before);
        }
    }

    /** Starts the writer, lets it commit for a while after its first acknowledgement, and kills it with SIGKILL. */
    private void writeUntilKilled(List<String> acked, String... writerOptions) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                KilledH2Writer.class.getName(), dataDir.toString(), Integer.toString(RETENTION_MILLIS)));
        command.addAll(List.of(writerOptions));
        Process child = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(writerLog().toFile()))
                .start();
        try {
            Thread reader = Thread.ofPlatform().daemon().start(() -> readAcknowledgements(child, acked));
            long firstAck = awaitFirstAcknowledgement(child, acked);
            Thread.sleep(Math.max(0, WRITE_MILLIS - (System.nanoTime() - firstAck) / 1_000_000));
            // Process.destroyForcibly() sends SIGKILL on Linux: no shutdown hook, no H2 close.
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the writer died").isTrue();
            reader.join(10_000);
        } finally {
            child.destroyForcibly();
        }
    }

    private long awaitFirstAcknowledgement(Process child, List<String> acked) throws InterruptedException {
        int before = acked.size();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (acked.size() == before) {
            assertThat(child.isAlive()).as("the writer runs (see %s)", writerLog()).isTrue();
            assertThat(System.nanoTime() - deadline).as("the writer acknowledged a commit in time").isNegative();
            Thread.sleep(20);
        }
        return System.nanoTime();
    }

    private Path writerLog() {
        return dataDir.resolve("writer.log");
    }

    private long compactionsLogged() throws IOException {
        try (var lines = Files.lines(writerLog())) {
            return lines.filter(line -> line.contains("compacted ") && line.contains(" online: ")).count();
        }
    }

    /** Only whole lines count: a line the kill cut short names no acknowledged id. */
    private static void readAcknowledgements(Process child, List<String> acked) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(KilledH2Writer.ACKED)) {
                    String id = line.substring(KilledH2Writer.ACKED.length());
                    if (id.length() == 36 && UUID.fromString(id).toString().equals(id)) {
                        acked.add(id);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // the kill closed the pipe; what was read counts
        }
    }

    /**
     * Reopens the database as glance-api does (compaction at start, then the pool) and looks every id up; says for
     * each one missing which acknowledgement it was and what is left of it.
     */
    private List<String> missing(List<String> acked) {
        DatabaseSettings settings = DatabaseSettings.embeddedH2(dataDir);
        DatabaseCompaction.compactAtStart(settings);
        List<String> missing = new ArrayList<>();
        try (GlanceDatabase database = GlanceDatabase.open(settings)) {
            for (int i = 0; i < acked.size(); i++) {
                String id = acked.get(i);
                Optional<UploadSession> found = database.uploadSessions().find(id);
                if (found.filter(s -> s.offset() == KilledH2Writer.OFFSET).isEmpty()) {
                    missing.add(id + " (acknowledged " + (i + 1) + " of " + acked.size() + ": " + found
                            .map(s -> "recorded, but its offset is " + s.offset()).orElse("not recorded") + ")");
                }
            }
        }
        return missing;
    }
}
