package io.glance.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GlanceManageTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dataDir;

    private int run(String... args) {
        out.reset();
        err.reset();
        return GlanceManage.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void dbSyncMigratesAnEmptyDatabaseAndDbVersionShowsTheResult() {
        assertThat(run("db", "version", "--data_dir", dataDir.toString())).isEqualTo(GlanceManage.OK);
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("0");

        assertThat(run("db", "sync", "--data_dir", dataDir.toString())).as(err.toString()).isEqualTo(GlanceManage.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("schema version 0 -> ");

        assertThat(run("db_version", "--data_dir", dataDir.toString())).isEqualTo(GlanceManage.OK);
        String version = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(version).isNotEqualTo("0").matches("\\d+(\\.\\d+)*");

        assertThat(run("db_sync", "--data_dir", dataDir.toString())).isEqualTo(GlanceManage.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("schema version " + version + " -> " + version);
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrorsNamingThem() {
        assertThat(run("db", "drop")).isEqualTo(GlanceManage.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("db drop").contains("usage:");
        assertThat(run("db", "sync", "--sql_conection", "x")).isEqualTo(GlanceManage.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("sql_conection");
    }

    @Test
    void anUnreachableDatabaseFailsNamingIt() {
        assertThat(run("db", "version", "--sql_connection", "jdbc:mariadb://127.0.0.1:1/glance",
                "--sql_connection_timeout", "0.5")).isEqualTo(GlanceManage.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("127.0.0.1:1");
    }

    @Test
    void sweepRefusesABadGraceAndStrayWordsNamingThem() {
        assertThat(run("sweep", "--grace", "soon", "--data_dir", dataDir.toString())).isEqualTo(GlanceManage.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--grace needs a number of seconds (0 or more), not 'soon'")
                .contains("usage: glance-manage sweep");
        assertThat(run("sweep", "--grace")).isEqualTo(GlanceManage.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--grace needs a number of seconds (0 or more)")
                .doesNotContain("null");
        assertThat(run("sweep", "everything")).isEqualTo(GlanceManage.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: glance-manage sweep");
    }
}
