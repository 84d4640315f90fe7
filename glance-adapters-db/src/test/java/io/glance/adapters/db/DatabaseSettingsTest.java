package io.glance.adapters.db;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseSettingsTest {

    @Test
    void embeddedH2IsAFileNamedGlanceInTheDataDirectory() {
        DatabaseSettings settings = DatabaseSettings.embeddedH2(Path.of("/var/lib/glance"));

        assertThat(settings.jdbcUrl())
                .isEqualTo("jdbc:h2:file:/var/lib/glance/glance;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;REUSE_SPACE=FALSE");
        assertThat(settings.maxPoolSize()).isEqualTo(DatabaseSettings.DEFAULT_MAX_POOL_SIZE);
        assertThat(settings.connectionTimeout()).isEqualTo(DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT);
        assertThat(settings.migrateOnStart()).isTrue();
    }

    @Test
    void sqlConnectionIsConvertedWithDefaults() {
        DatabaseSettings settings = DatabaseSettings.fromSqlConnection("mysql+pymysql://glance:pw@db/glance");

        assertThat(settings).isEqualTo(new DatabaseSettings("jdbc:mariadb://db:3306/glance", "glance", "pw",
                DatabaseSettings.DEFAULT_MAX_POOL_SIZE, DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT, true));
    }

    @Test
    void withersChangeOneSetting() {
        DatabaseSettings settings = DatabaseSettings.embeddedH2(Path.of("/d"))
                .withMaxPoolSize(3).withConnectionTimeout(Duration.ofSeconds(2)).withMigrateOnStart(false);

        assertThat(settings.maxPoolSize()).isEqualTo(3);
        assertThat(settings.connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.migrateOnStart()).isFalse();
    }

    @Test
    void invalidSettingsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> new DatabaseSettings("mysql://u:topsecret@db/glance", null, null, 1,
                Duration.ofSeconds(1), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a JDBC URL")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> DatabaseSettings.embeddedH2(Path.of("/d")).withMaxPoolSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> DatabaseSettings.embeddedH2(Path.of("/d")).withConnectionTimeout(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0.01S");
    }

    @Test
    void describeAndToStringHideCredentials() {
        DatabaseSettings settings = new DatabaseSettings(
                "jdbc:mariadb://u:topsecret@db:3306/glance?password=topsecret", "glance", "topsecret", 1,
                Duration.ofSeconds(1), false);

        assertThat(settings.describe()).isEqualTo("jdbc:mariadb://db:3306/glance");
        assertThat(settings.toString()).doesNotContain("topsecret").contains("***");
        assertThat(new DatabaseSettings("jdbc:h2:mem:x;MODE=MariaDB;PASSWORD=topsecret", null, null, 1,
                Duration.ofSeconds(1), false).describe()).isEqualTo("jdbc:h2:mem:x;MODE=MariaDB");
    }
}
