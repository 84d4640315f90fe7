package io.glance.adapters.db;

import io.glance.domain.ImageId;
import io.glance.domain.upload.UploadSession;
import io.glance.ports.out.UploadSessions;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The child process of {@link H2CommitsSurviveKillTest}: opens the embedded database the way glance-api does
 * (compaction at start, then {@link GlanceDatabase#open}) and records upload sessions one by one, each in its own
 * transaction, printing {@code acked <id>} only after its commit returned, until it is killed. Each session is also
 * moved on once, so the file holds dead versions of pages as glance-api's does.
 * <p>
 * Arguments: the data directory; the H2 retention time in milliseconds (the test shortens it from H2's 45 s, so that
 * dead chunks are freed within a second instead of after 45); and optionally a number of bytes: the online
 * compaction then checks every 100 ms and compacts each time the file grew by that much (and doubled), instead of
 * glance-api's 16 MiB.
 */
public final class KilledH2Writer {
    static final String ACKED = "acked ";
    /** Where each session is moved on to, in a second commit. */
    static final long OFFSET = 4096;
    /** Held so that the logger keeps the level set here (the JDK holds loggers weakly). */
    private static final Logger COMPACTION_LOG = Logger.getLogger(H2CompactionSchedule.class.getName());

    private KilledH2Writer() {
    }

    public static void main(String[] args) {
        if (args.length != 2 && args.length != 3) {
            throw new IllegalArgumentException("usage: KilledH2Writer DATA_DIR RETENTION_MILLIS [COMPACT_GROWTH_BYTES]");
        }
        DatabaseSettings settings = settings(Path.of(args[0]), Integer.parseInt(args[1]));
        H2OnlineCompaction.Policy policy = args.length == 3 ? new H2OnlineCompaction.Policy(Duration.ofMillis(100),
                Long.parseLong(args[2]), H2OnlineCompaction.Policy.DEFAULT.maxCompactTime())
                : H2OnlineCompaction.Policy.DEFAULT;
        if (args.length == 3) {
            // each compaction's line goes to standard error, which the test keeps, to show that they ran
            ConsoleHandler handler = new ConsoleHandler();
            handler.setLevel(Level.FINE);
            COMPACTION_LOG.setLevel(Level.FINE);
            COMPACTION_LOG.addHandler(handler);
        }
        DatabaseCompaction.compactAtStart(settings);
        PrintStream out = System.out;
        try (GlanceDatabase database = GlanceDatabase.open(settings, policy)) {
            UploadSessions sessions = database.uploadSessions();
            Instant now = Instant.now();
            while (true) {
                UploadSession session = new UploadSession(UUID.randomUUID().toString(),
                        new ImageId(UUID.randomUUID().toString()), "project", 1 << 20, 0, "", "node", now,
                        now.plusSeconds(3600));
                sessions.create(session);
                sessions.progressed(session.id(), OFFSET, now.plusSeconds(3600));
                out.println(ACKED + session.id());
                out.flush();
            }
        }
    }

    /** The product's embedded settings with a shorter retention time. */
    static DatabaseSettings settings(Path dataDir, int retentionMillis) {
        DatabaseSettings product = DatabaseSettings.embeddedH2(dataDir);
        return new DatabaseSettings(product.jdbcUrl() + ";RETENTION_TIME=" + retentionMillis, product.user(),
                product.password(), product.maxPoolSize(), product.connectionTimeout(), product.migrateOnStart());
    }
}
