package io.glance.adapters.db;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Keeps the embedded H2 file from growing without bound while glance-api holds it open.
 * <p>
 * The embedded URL sets {@code REUSE_SPACE=FALSE} ({@link JdbcUrls#H2_OPTIONS}): H2 2.5 loses acknowledged commits
 * after a kill when it writes a chunk into reused space, because it then rewrites the file header naming the chunk
 * before the new one, and recovery stops there. Appended chunks are found by recovery at the end of the file. The
 * price is a file that only grows (13 to 19 KB per write transaction), so once it has grown by
 * {@link Policy#minGrowthBytes} and doubled since the last compaction, this compacts it in place: under H2's store
 * lock, so that no commit is written meanwhile, it lets H2 reuse space, moves the chunks together and truncates the
 * file ({@link MVStore#compactFile}), turns reuse off again, and writes one more chunk, which lands at the new end of
 * the file, so that whatever commits the compaction carried are found from there after a kill.
 */
final class H2OnlineCompaction {
    /**
     * When to compact.
     *
     * @param checkEvery     how often the file's size is looked at
     * @param minGrowthBytes compact only once the file grew by at least this much since the last compaction (and
     *                       doubled)
     * @param maxCompactTime how long one compaction may hold back commits (H2's {@code compactFile} time limit)
     */
    record Policy(Duration checkEvery, long minGrowthBytes, Duration maxCompactTime) {
        /**
         * A look at the size costs one stat call, so every second: at 300 commits/s a file grows 7.5 MB/s, and a
         * compaction of that much takes about a second, during which commits wait.
         */
        static final Policy DEFAULT = new Policy(Duration.ofSeconds(1), 16L << 20, Duration.ofSeconds(1));

        Policy {
            requireNonNull(checkEvery, "checkEvery is null");
            requireNonNull(maxCompactTime, "maxCompactTime is null");
            if (checkEvery.isNegative() || checkEvery.isZero()) {
                throw new IllegalArgumentException("checkEvery must be positive: " + checkEvery);
            }
            if (minGrowthBytes < 0) {
                throw new IllegalArgumentException("minGrowthBytes must not be negative: " + minGrowthBytes);
            }
            if (maxCompactTime.isNegative() || maxCompactTime.isZero()) {
                throw new IllegalArgumentException("maxCompactTime must be positive: " + maxCompactTime);
            }
        }
    }

    /** What one compaction did. */
    record Result(long bytesBefore, long bytesAfter, Duration took) {
    }

    private final DataSource pool;
    private final Path file;
    private final Policy policy;
    private long compactAt;

    H2OnlineCompaction(DataSource pool, Path file, Policy policy) {
        this.pool = requireNonNull(pool, "pool is null");
        this.file = requireNonNull(file, "file is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.compactAt = nextThreshold(size());
    }

    Policy policy() {
        return policy;
    }

    /** Compacts when the file has grown enough since the last time; empty when it has not (or H2 reuses space). */
    synchronized Optional<Result> compactIfGrown() {
        if (size() < compactAt) {
            return Optional.empty();
        }
        Optional<Result> result = compact();
        compactAt = nextThreshold(size());
        return result;
    }

    /**
     * Compacts now; empty when the store reuses space by itself (a URL without {@code REUSE_SPACE=FALSE}: H2 then
     * needs no help) or writes in the background (a URL with a {@code WRITE_DELAY}: its own thread would write
     * while this holds the lock).
     */
    synchronized Optional<Result> compact() {
        long start = System.nanoTime();
        long before = size();
        try (Connection connection = pool.getConnection()) {
            MVStore store = mvStore(connection);
            if (store.isSpaceReused() || store.getAutoCommitDelay() != 0 || store.isReadOnly()) {
                return Optional.empty();
            }
            int retention = store.getRetentionTime();
            store.executeFilestoreOperation(() -> {
                store.setReuseSpace(true);
                try {
                    store.compactFile((int) Math.min(Integer.MAX_VALUE, policy.maxCompactTime().toMillis()));
                } finally {
                    store.setReuseSpace(false);
                    // compactFile sets the retention time to 0 for good; chunks die at H2's pace again
                    store.setRetentionTime(retention);
                    // The compaction's last chunk may sit inside the file with the header naming the one before it
                    // (the same H2 slip); a chunk appended now is where recovery looks first.
                    store.setStoreVersion(store.getStoreVersion());
                    store.commit();
                }
            });
        } catch (SQLException e) {
            throw new DatabaseAccessException("Failed to compact " + file + " online: " + e.getMessage(), e);
        }
        return Optional.of(new Result(before, size(), Duration.ofNanos(System.nanoTime() - start)));
    }

    private static MVStore mvStore(Connection connection) throws SQLException {
        JdbcConnection h2 = connection.unwrap(JdbcConnection.class);
        if (!(h2.getSession() instanceof SessionLocal session)) {
            throw new SQLException("not an embedded H2 connection: " + h2.getSession().getClass().getName());
        }
        return session.getDatabase().getStore().getMvStore();
    }

    private long nextThreshold(long size) {
        return Math.max(2 * size, size + policy.minGrowthBytes());
    }

    private long size() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + file, e);
        }
    }
}
