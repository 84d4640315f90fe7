package io.glance.adapters.db;

import io.glance.domain.ImageId;
import io.glance.domain.upload.UploadSession;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded file, which appends every commit ({@code REUSE_SPACE=FALSE}), is given its space back while it stays
 * open, keeps every row, and goes on appending afterwards.
 */
class H2OnlineCompactionTest {
    /** Checks never run by themselves here: the test calls the compaction. */
    private static final H2OnlineCompaction.Policy BY_HAND = new H2OnlineCompaction.Policy(Duration.ofDays(1),
            1 << 20, Duration.ofSeconds(10));
    private static final Instant NOW = Instant.parse("2026-12-08T00:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void anOpenFileShrinksToItsLiveDataAndKeepsEveryRow() {
        Path file = dataDir.resolve("glance.mv.db");
        try (GlanceDatabase database = GlanceDatabase.open(DatabaseSettings.embeddedH2(dataDir), BY_HAND)) {
            H2OnlineCompaction compaction = new H2OnlineCompaction(pool(), file, BY_HAND);
            List<String> ids = write(database, 1000);
            long grown = size(file);

            H2OnlineCompaction.Result result = compaction.compact().orElseThrow();

            assertThat(result.bytesBefore()).isEqualTo(grown);
            assertThat(result.bytesAfter()).as("1000 sessions appended %d bytes", grown)
                    .isLessThan(grown / 4);
            assertThat(ids).allSatisfy(id -> assertThat(database.uploadSessions().find(id)).isPresent());

            List<String> more = write(database, 200);
            assertThat(size(file)).as("commits append again after the compaction")
                    .isGreaterThan(result.bytesAfter());
            assertThat(more).allSatisfy(id -> assertThat(database.uploadSessions().find(id)).isPresent());
        }
    }

    @Test
    void compactsOnlyOnceTheFileHasGrownEnough() {
        Path file = dataDir.resolve("glance.mv.db");
        try (GlanceDatabase database = GlanceDatabase.open(DatabaseSettings.embeddedH2(dataDir), BY_HAND)) {
            H2OnlineCompaction compaction = new H2OnlineCompaction(pool(), file,
                    new H2OnlineCompaction.Policy(Duration.ofDays(1), 4 << 20, Duration.ofSeconds(10)));
            write(database, 10);
            assertThat(compaction.compactIfGrown()).as("grown by less than 4 MiB").isEmpty();
            write(database, 600);
            assertThat(compaction.compactIfGrown()).as("grown by more than 4 MiB").isPresent();
        }
    }

    @Test
    void aStoreThatReusesSpaceIsLeftToH2() {
        String url = DatabaseSettings.embeddedH2(dataDir).jdbcUrl().replace(";REUSE_SPACE=FALSE", "");
        DatabaseSettings reusing = new DatabaseSettings(url, "sa", "", 2, Duration.ofSeconds(30), true);
        try (GlanceDatabase database = GlanceDatabase.open(reusing, BY_HAND)) {
            write(database, 10);
            JdbcDataSource pool = pool();
            pool.setURL(url);
            assertThat(new H2OnlineCompaction(pool, dataDir.resolve("glance.mv.db"), BY_HAND).compact()).isEmpty();
        }
    }

    private JdbcDataSource pool() {
        DatabaseSettings settings = DatabaseSettings.embeddedH2(dataDir);
        JdbcDataSource pool = new JdbcDataSource();
        pool.setURL(settings.jdbcUrl());
        pool.setUser(settings.user());
        pool.setPassword(settings.password());
        return pool;
    }

    private static List<String> write(GlanceDatabase database, int sessions) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            String id = UUID.randomUUID().toString();
            database.uploadSessions().create(new UploadSession(id, new ImageId(UUID.randomUUID().toString()),
                    "project", 1 << 20, 0, "", "node", NOW, NOW.plusSeconds(3600)));
            database.uploadSessions().progressed(id, 4096, NOW.plusSeconds(3600));
            ids.add(id);
        }
        return ids;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
