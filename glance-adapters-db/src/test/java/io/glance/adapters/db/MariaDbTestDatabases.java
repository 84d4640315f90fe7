package io.glance.adapters.db;

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
 * Throw-away databases on the MariaDB server named by {@value #URL_PROPERTY}; {@link #create()} skips the calling
 * test when none is named.
 */
final class MariaDbTestDatabases {
    static final String URL_PROPERTY = "glance.test.mariadb.url";
    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:mariadb://[^/?]+)/?([^?]*)(\\?.*)?");

    private String serverUrl;
    private String options;
    private String last;

    DatabaseSettings create() throws SQLException {
        String url = System.getProperty(URL_PROPERTY, "");
        assumeTrue(!url.isBlank(), "No MariaDB to test against: set -D" + URL_PROPERTY);
        Matcher parts = JDBC_URL.matcher(url);
        if (!parts.matches()) {
            throw new IllegalArgumentException(URL_PROPERTY + " is not a jdbc:mariadb:// URL: "
                    + JdbcUrls.withoutSecrets(url));
        }
        serverUrl = parts.group(1);
        options = parts.group(3) == null ? "" : parts.group(3);
        last = "glance_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + last);
        return new DatabaseSettings(serverUrl + "/" + last + options, null, null, 10, Duration.ofSeconds(10), true);
    }

    void dropLast() throws SQLException {
        if (last != null) {
            execute("DROP DATABASE IF EXISTS " + last);
            last = null;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl + "/" + options);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
