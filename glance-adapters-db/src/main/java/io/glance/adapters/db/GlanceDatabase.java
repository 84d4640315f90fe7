package io.glance.adapters.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.MemberRepository;
import io.glance.ports.out.ImageTally;
import io.glance.ports.out.StorageUsage;
import io.glance.ports.out.StoredLocations;
import io.glance.ports.out.TaskRepository;
import io.glance.ports.out.UploadSessions;
import io.glance.ports.out.metadef.MetadefRepository;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The image database: a connection pool, the schema migrations and the {@link ImageRepository} on top. Open one per
 * process with {@link #open(DatabaseSettings)} and close it on shutdown.
 * <pre>{@code
 * try (GlanceDatabase database = GlanceDatabase.open(DatabaseSettings.embeddedH2(dataDir))) {
 *     ImageRepository images = database.repository();
 * }
 * }</pre>
 */
public final class GlanceDatabase implements AutoCloseable {
    private final DatabaseSettings settings;
    private final HikariDataSource pool;
    private final DatabaseFailures failures;
    private final SchemaMigrations migrations;
    private final MyBatisImageRepository repository;
    private final MetadefRepository metadefs;
    private final io.glance.ports.out.PendingDeletes pendingDeletes;
    private final TaskRepository tasks;
    private final UploadSessions uploadSessions;
    private final StoredLocations storedLocations;
    private final Transactions transactions;
    /** Keeps an H2 file's size bounded while it is open; null on MariaDB and in-memory H2. */
    private final H2CompactionSchedule compaction;

    private GlanceDatabase(DatabaseSettings settings, HikariDataSource pool,
                           H2OnlineCompaction.Policy compactionPolicy) {
        this.settings = settings;
        this.pool = pool;
        this.failures = new DatabaseFailures(settings.describe());
        this.migrations = new SchemaMigrations(pool);
        Transactions transactions = new Transactions(MyBatisSessions.factory(pool), failures);
        this.transactions = transactions;
        this.repository = new MyBatisImageRepository(transactions, ImageRowLocks.forUrl(settings.jdbcUrl()));
        this.metadefs = new MyBatisMetadefRepository(transactions);
        this.pendingDeletes = new MyBatisPendingDeletes(transactions);
        this.tasks = new MyBatisTaskRepository(transactions);
        this.uploadSessions = new JdbcUploadSessions(transactions);
        this.storedLocations = new MyBatisStoredLocations(transactions);
        Optional<Path> file = JdbcUrls.isH2(settings.jdbcUrl()) ? DatabaseCompaction.h2File(settings.jdbcUrl())
                : Optional.empty();
        this.compaction = file.map(path -> new H2CompactionSchedule(new H2OnlineCompaction(pool, path,
                compactionPolicy), settings.describe())).orElse(null);
    }

    /**
     * Connects (failing fast when the database cannot be reached) and, if the settings say so, migrates the schema.
     *
     * @throws io.glance.domain.ServiceUnavailableException naming the database when it cannot be reached
     * @throws DatabaseAccessException                     when the migration fails
     * @throws IllegalArgumentException                    for an H2 URL without {@code MODE=MariaDB}
     */
    public static GlanceDatabase open(DatabaseSettings settings) {
        return open(settings, H2OnlineCompaction.Policy.DEFAULT);
    }

    /** {@link #open(DatabaseSettings)} with another online compaction policy for an H2 file (tests, benches). */
    static GlanceDatabase open(DatabaseSettings settings, H2OnlineCompaction.Policy compactionPolicy) {
        requireNonNull(settings, "settings is null");
        requireNonNull(compactionPolicy, "compactionPolicy is null");
        JdbcUrls.requireSupportedDialect(settings.jdbcUrl());
        HikariDataSource pool = startPool(settings);
        try {
            GlanceDatabase database = new GlanceDatabase(settings, pool, compactionPolicy);
            try {
                if (settings.migrateOnStart()) {
                    database.migrate();
                }
                return database;
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource startPool(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("glance-db");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        // Every repository call is one explicit transaction; READ COMMITTED keeps MariaDB from taking gap locks
        // that would make concurrent creates wait on each other.
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (JdbcUrls.isMariaDb(settings.jdbcUrl())) {
            // A server that hangs (stopped, or cut off by the network without a reset) would otherwise hold a request
            // on a borrowed connection forever: the driver's socket timeout is unlimited by default. Bounded by the
            // connection timeout, a hung server turns into 503s as fast as an unreachable one. The URL may say
            // otherwise (e.g. socketTimeout=0 for long migrations).
            String millis = Long.toString(settings.connectionTimeout().toMillis());
            if (!JdbcUrls.hasParameter(settings.jdbcUrl(), "connectTimeout")) {
                config.addDataSourceProperty("connectTimeout", millis);
            }
            if (!JdbcUrls.hasParameter(settings.jdbcUrl(), "socketTimeout")) {
                config.addDataSourceProperty("socketTimeout", millis);
            }
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseFailures(settings.describe()).translate(e, "open a connection");
        }
    }

    /** The repository; one instance, safe for concurrent use. */
    public ImageRepository repository() {
        return repository;
    }

    /** The images' members, kept by the same repository. */
    public MemberRepository members() {
        return repository;
    }

    /** What the owners' images take up in the stores, for {@code user_storage_quota}. */
    public StorageUsage storageUsage() {
        return repository;
    }

    /** Images in {@code pending_delete} ({@code delayed_delete}), for the scrubber and restores. */
    public io.glance.ports.out.PendingDeletes pendingDeletes() {
        return pendingDeletes;
    }

    /** The locations images record, for the orphan sweeper. */
    public StoredLocations storedLocations() {
        return storedLocations;
    }

    /** Each owner's live images counted by status, for Keystone's unified limits. */
    public ImageTally imageTally() {
        return repository;
    }

    /** The metadata definitions catalog; one instance, safe for concurrent use. */
    public MetadefRepository metadefs() {
        return metadefs;
    }

    /** The tasks (interoperable import); one instance, safe for concurrent use. */
    public TaskRepository tasks() {
        return tasks;
    }

    /** The resumable upload sessions; one instance, safe for concurrent use. */
    public UploadSessions uploadSessions() {
        return uploadSessions;
    }

    /**
     * The bookkeeping of content-addressed stores ({@code dedup: true}), in this database.
     *
     * @param worker      this node's name on its journal entries
     * @param othersAfter how old another node's journal entry must be before this node replays it too
     */
    public io.glance.ports.out.ContentIndex contentIndex(String worker, java.time.Duration othersAfter) {
        return new JdbcContentIndex(transactions, worker, othersAfter, java.time.Clock.systemUTC());
    }

    /** Applies the migrations not yet applied; a no-op when the schema is current. */
    public void migrate() {
        try {
            migrations.migrate();
        } catch (RuntimeException e) {
            throw failures.translate(e, "migrate the schema");
        }
    }

    /** The version of the last applied migration, e.g. {@code "1"}, or {@code "0"} before the first migration. */
    public String schemaVersion() {
        try {
            return migrations.currentVersion();
        } catch (RuntimeException e) {
            throw failures.translate(e, "read the schema version");
        }
    }

    /**
     * The healthcheck's question: can a pooled connection run a query now? Waits at most the pool's connection
     * timeout for a connection, and the driver's own timeouts for the answer.
     *
     * @throws io.glance.domain.ServiceUnavailableException naming the database and what failed
     */
    public void ping() {
        try (java.sql.Connection connection = pool.getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            connection.rollback();
        } catch (java.sql.SQLException | RuntimeException e) {
            throw failures.translate(e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(e.getMessage(), e), "answer a query");
        }
    }

    /**
     * The pool's connections now, for {@code /metrics}.
     *
     * @param active  lent to a request
     * @param idle    open and free
     * @param waiting requests waiting for a connection
     * @param max     {@code sql_max_pool_size}
     */
    public record PoolUsage(int active, int idle, int waiting, int max) {
    }

    public PoolUsage poolUsage() {
        com.zaxxer.hikari.HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolUsage(0, 0, 0, pool.getMaximumPoolSize());
        }
        return new PoolUsage(bean.getActiveConnections(), bean.getIdleConnections(),
                bean.getThreadsAwaitingConnection(), pool.getMaximumPoolSize());
    }

    /**
     * Hard-deletes the properties, tags, locations and members of images deleted before {@code deletedBefore}; the
     * image rows stay, keeping their ids reserved.
     *
     * @param maxImages at most this many images; negative means all
     * @return how many images were purged, and rows per table
     */
    public PurgeResult purgeDeleted(java.time.Instant deletedBefore, int maxImages) {
        try {
            DeletedImagePurge.Result result = new DeletedImagePurge(pool).purge(deletedBefore, maxImages);
            return new PurgeResult(result.images(), result.rows());
        } catch (java.sql.SQLException | RuntimeException e) {
            throw failures.translate(e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(e.getMessage(), e), "purge deleted images");
        }
    }

    /** What {@link #purgeDeleted} removed: images purged, rows per table. */
    public record PurgeResult(int images, java.util.Map<String, Integer> rows) {
    }

    /** The database URL without credentials, for logs. */
    public String describe() {
        return settings.describe();
    }

    /** Closes every pooled connection; an embedded H2 database is closed with its last connection. */
    @Override
    public void close() {
        if (compaction != null) {
            compaction.close();
        }
        pool.close();
    }
}
