package io.glance.adapters.db;

import org.junit.jupiter.api.AfterEach;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The repository contract on a real MariaDB server, when one is named by the system property
 * {@value #URL_PROPERTY} (a JDBC URL with credentials, e.g.
 * {@code jdbc:mariadb://127.0.0.1:3306/?user=glance&password=secret}); skipped otherwise. Each test gets a database
 * of its own, created and dropped here, so the user needs CREATE and DROP rights.
 */
class MariaDbImageRepositoryTest extends ImageRepositoryContractTest {
    static final String URL_PROPERTY = "glance.test.mariadb.url";
    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:mariadb://[^/?]+)/?([^?]*)(\\?.*)?");

    private String serverUrl;
    private String options;
    private String databaseName;

    /** Skips the test (each one, so that the report counts them) unless a server is named. */
    @Override
    protected GlanceDatabase openDatabase() throws SQLException {
        String url = System.getProperty(URL_PROPERTY, "");
        assumeTrue(!url.isBlank(), "No MariaDB to test against: set -D" + URL_PROPERTY
                + "=jdbc:mariadb://host:3306/?user=…&password=… to run the repository contract on it");
        Matcher parts = JDBC_URL.matcher(url);
        if (!parts.matches()) {
            throw new IllegalArgumentException(URL_PROPERTY + " is not a jdbc:mariadb:// URL: "
                    + JdbcUrls.withoutSecrets(url));
        }
        serverUrl = parts.group(1);
        options = parts.group(3) == null ? "" : parts.group(3);
        databaseName = "glance_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + databaseName);
        return GlanceDatabase.open(new DatabaseSettings(serverUrl + "/" + databaseName + options, null, null, 10,
                Duration.ofSeconds(10), true));
    }

    /** Runs before the contract's own close; closing twice is harmless. */
    @AfterEach
    void dropDatabase() throws SQLException {
        if (databaseName != null) {
            database().close();
            execute("DROP DATABASE IF EXISTS " + databaseName);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl + "/" + options);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
