package io.glance.adapters.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Glance's {@code sql_connection} turned into what JDBC needs. Accepts a JDBC URL as is, or a SQLAlchemy URL for
 * MySQL/MariaDB ({@code mysql://}, {@code mysql+pymysql://}, {@code mariadb://}, … as in glance-api.conf), e.g.
 * {@code mysql+pymysql://glance:s%40cret@db.example:3306/glance?charset=utf8} becomes
 * {@code jdbc:mariadb://db.example:3306/glance} with user {@code glance} and password {@code s@cret}.
 * <p>
 * Query options are PyMySQL's and mean nothing to the JDBC driver, so they are dropped; the one exception is
 * {@code unix_socket}, which becomes the driver's {@code localSocket}. {@code charset} needs no translation: the
 * MariaDB driver always talks utf8mb4.
 *
 * @param jdbcUrl  the JDBC URL
 * @param user     the user from the URL, or {@code null} (then the JDBC URL may carry it)
 * @param password the password from the URL, or {@code null}
 */
public record SqlConnectionUrl(String jdbcUrl, String user, String password) {
    private static final Set<String> MYSQL_DIALECTS = Set.of("mysql", "mariadb");
    private static final int DEFAULT_PORT = 3306;

    /** SQLAlchemy's own URL pattern (sqlalchemy/engine/url.py), so that the same strings parse the same way. */
    private static final Pattern SQLALCHEMY_URL = Pattern.compile(
            "(?<scheme>[\\w+]+)://"
                    + "(?:(?<user>[^:/]*)(?::(?<password>[^@]*))?@)?"
                    + "(?:(?:\\[(?<ipv6>[^/?]+)]|(?<host>[^/:?]+))?(?::(?<port>[^/?]*))?)?"
                    + "(?:/(?<database>[^?]*))?"
                    + "(?:\\?(?<query>.*))?");

    public SqlConnectionUrl {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
    }

    /**
     * @throws IllegalArgumentException naming the URL (without its password) when it is neither JDBC nor a MySQL or
     *                                  MariaDB SQLAlchemy URL, or lacks the database name
     */
    public static SqlConnectionUrl parse(String sqlConnection) {
        requireNonNull(sqlConnection, "sqlConnection is null");
        String value = sqlConnection.strip();
        if (value.startsWith("jdbc:")) {
            return new SqlConnectionUrl(value, null, null);
        }
        Matcher url = SQLALCHEMY_URL.matcher(value);
        if (!url.matches()) {
            throw new IllegalArgumentException("Invalid sql_connection: " + JdbcUrls.withoutSecrets(value)
                    + " (expected a JDBC URL or mysql+pymysql://user:password@host:port/database)");
        }
        String scheme = url.group("scheme").toLowerCase(Locale.ROOT);
        String dialect = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        if (!MYSQL_DIALECTS.contains(dialect)) {
            throw new IllegalArgumentException("Unsupported sql_connection dialect '" + scheme + "' in "
                    + JdbcUrls.withoutSecrets(value) + ": only MySQL/MariaDB URLs (mysql+pymysql://, mariadb://) or"
                    + " JDBC URLs are supported");
        }
        String database = url.group("database");
        if (database == null || database.isEmpty()) {
            throw new IllegalArgumentException("sql_connection " + JdbcUrls.withoutSecrets(value)
                    + " names no database (expected …/glance)");
        }
        return new SqlConnectionUrl(jdbcUrl(url, database), decode(url.group("user")), decode(url.group("password")));
    }

    private static String jdbcUrl(Matcher url, String database) {
        String host = url.group("ipv6") != null ? "[" + url.group("ipv6") + "]"
                : url.group("host") != null ? url.group("host") : "localhost";
        int port = port(url.group("port"), url.group(0));
        String socket = queryValue(url.group("query"), "unix_socket");
        return "jdbc:mariadb://" + host + ":" + port + "/" + database
                + (socket == null ? "" : "?localSocket=" + socket);
    }

    private static int port(String port, String value) {
        if (port == null || port.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            int number = Integer.parseInt(port);
            if (number > 0 && number < 65536) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Invalid port '" + port + "' in sql_connection "
                + JdbcUrls.withoutSecrets(value));
    }

    private static String queryValue(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    /** SQLAlchemy percent-decodes user and password, so {@code %40} stands for {@code @}. */
    private static String decode(String value) {
        return value == null ? null : URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SqlConnectionUrl[jdbcUrl=" + JdbcUrls.withoutSecrets(jdbcUrl) + ", user=" + user + ", password="
                + (password == null ? null : "***") + "]";
    }
}
