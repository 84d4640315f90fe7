package io.glance.adapters.db;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ServiceUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening, migrating and closing the database; the repository's behaviour is in the contract tests. */
class GlanceDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void embeddedDefaultIsCreatedOnFirstStartAndMigrated() {
        Path nested = dataDir.resolve("not/yet/there");

        try (GlanceDatabase database = GlanceDatabase.open(DatabaseSettings.embeddedH2(nested))) {
            assertThat(database.schemaVersion()).isEqualTo("6");
            assertThat(database.describe()).startsWith("jdbc:h2:file:" + nested.toAbsolutePath());
        }
        assertThat(nested.resolve("glance.mv.db")).isRegularFile();
    }

    @Test
    void dataSurvivesAReopenAndMigratingAgainIsANoOp() {
        DatabaseSettings settings = DatabaseSettings.embeddedH2(dataDir);
        Image image = Image.newImage(ImageId.random(), Instant.parse("2024-01-01T00:00:00Z")).name("kept").build();
        try (GlanceDatabase database = GlanceDatabase.open(settings)) {
            database.repository().create(image);
        }

        try (GlanceDatabase database = GlanceDatabase.open(settings)) {
            database.migrate();
            assertThat(database.schemaVersion()).isEqualTo("6");
            assertThat(database.repository().findById(image.id())).contains(image);
        }
    }

    @Test
    void withoutMigrateOnStartTheSchemaWaitsForMigrate() {
        try (GlanceDatabase database = GlanceDatabase.open(
                DatabaseSettings.embeddedH2(dataDir).withMigrateOnStart(false))) {
            assertThat(database.schemaVersion()).isEqualTo("0");

            database.migrate();

            assertThat(database.schemaVersion()).isEqualTo("6");
        }
    }

    @Test
    void timestampsAreStoredAsUtcWhateverTheJvmZone() throws Exception {
        DatabaseSettings settings = DatabaseSettings.embeddedH2(dataDir);
        TimeZone original = TimeZone.getDefault();
        ImageId id = ImageId.random();
        try (GlanceDatabase database = GlanceDatabase.open(settings)) {
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
            database.repository().create(Image.newImage(id, Instant.parse("2024-06-01T12:00:00.75Z")).build());

            try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), "sa", "");
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT created_at FROM images WHERE id = '" + id + "'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getObject(1, LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2024-06-01T12:00:00"));
            }
            assertThat(database.repository().findById(id).orElseThrow().createdAt())
                    .isEqualTo(Instant.parse("2024-06-01T12:00:00Z"));
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void storedValuesTheDomainRejectsAreADatabaseFaultNamingTheImage() throws Exception {
        DatabaseSettings settings = DatabaseSettings.embeddedH2(dataDir);
        ImageId id = ImageId.random();
        try (GlanceDatabase database = GlanceDatabase.open(settings)) {
            database.repository().create(Image.newImage(id, Instant.parse("2024-06-01T12:00:00Z")).build());
            try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), "sa", "");
                 Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE images SET status = 'bogus' WHERE id = '" + id + "'");
            }

            assertThatThrownBy(() -> database.repository().findById(id))
                    .isInstanceOf(DatabaseAccessException.class)
                    .hasMessageContaining(id.value())
                    .hasMessageContaining("bogus");
        }
    }

    @Test
    void h2WithoutMariaDbModeIsRejectedWithAHint() throws IOException {
        DatabaseSettings plainH2 = new DatabaseSettings("jdbc:h2:mem:plain", "sa", "", 1, Duration.ofSeconds(1), true);

        assertThatThrownBy(() -> GlanceDatabase.open(plainH2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:h2:mem:plain")
                .hasMessageContaining("MODE=MariaDB");
        assertThat(Files.list(dataDir)).isEmpty();
    }

    @Test
    void unreachableServerIsServiceUnavailableNamingItButNotThePassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseSettings settings = DatabaseSettings
                .fromSqlConnection("mysql+pymysql://glance:topsecret@127.0.0.1:" + closedPort + "/glance")
                .withConnectionTimeout(Duration.ofSeconds(1));

        assertThatThrownBy(() -> GlanceDatabase.open(settings))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("jdbc:mariadb://127.0.0.1:" + closedPort + "/glance")
                .hasMessageNotContaining("topsecret");
    }
}
