package io.glance.server.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fresh databases on the MariaDB server that bin/test starts and names by the system property {@value #URL_PROPERTY}
 * (e.g. {@code jdbc:mariadb://127.0.0.1:3306/?user=glance&password=secret}). Tests that need one are skipped, with a
 * message, when no server is named.
 */
public final class TestDatabases {
    static final String URL_PROPERTY = "glance.test.mariadb.url";
    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:mariadb://[^/?]+)/?([^?]*)(\\?.*)?");

    private TestDatabases() {
    }

    /** Creates an empty database and returns its JDBC URL with the server URL's credentials. */
    public static String createMariaDb(String prefix) throws SQLException {
        String url = System.getProperty(URL_PROPERTY, "");
        assumeTrue(!url.isBlank(), "No MariaDB to test against: set -D" + URL_PROPERTY
                + "=jdbc:mariadb://host:3306/?user=…&password=… (bin/test does)");
        Matcher parts = JDBC_URL.matcher(url);
        if (!parts.matches()) {
            throw new IllegalArgumentException(URL_PROPERTY + " is not a jdbc:mariadb:// URL");
        }
        String options = parts.group(3) == null ? "" : parts.group(3);
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(parts.group(1) + "/" + options);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return parts.group(1) + "/" + name + options;
    }
}
