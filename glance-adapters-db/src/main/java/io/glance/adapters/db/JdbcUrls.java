package io.glance.adapters.db;

import java.util.Locale;
import java.util.regex.Pattern;

/** What the adapter needs to know about a JDBC URL: which database it names, and how to show it without secrets. */
final class JdbcUrls {
    /**
     * MariaDB syntax and lower-case names, as the mappers expect; WRITE_DELAY=0 because H2 otherwise writes a
     * committed transaction up to 500 ms later, so a kill -9 right after a 201 could lose the image it reported; and
     * REUSE_SPACE=FALSE because H2 2.5, when it writes a commit into the space of dead chunks and not where it
     * predicted, points the file header at the chunk before, so recovery after a kill -9 stops commits short
     * ({@code H2CommitsSurviveKillTest}). Appended, the newest chunk is the file's last, where recovery finds it;
     * {@link H2OnlineCompaction} gives the space back while the database is open.
     */
    static final String H2_OPTIONS = ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;REUSE_SPACE=FALSE";

    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");
    private static final Pattern H2_CREDENTIAL_OPTION = Pattern.compile("(?i);(password|user)=[^;]*");

    private JdbcUrls() {
    }

    static boolean isH2(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    static boolean isMariaDb(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:");
    }

    /** Whether the URL's query string sets {@code name} (the MariaDB driver's {@code ?a=1&b=2} syntax). */
    static boolean hasParameter(String jdbcUrl, String name) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (String pair : jdbcUrl.substring(query + 1).split("&")) {
            if (pair.equalsIgnoreCase(name) || pair.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT)
                    + "=")) {
                return true;
            }
        }
        return false;
    }

    /** Fails early with a hint instead of letting the first migration fail on DATETIME. */
    static void requireSupportedDialect(String jdbcUrl) {
        if (isH2(jdbcUrl) && !jdbcUrl.toUpperCase(Locale.ROOT).contains(";MODE=MARIADB")) {
            throw new IllegalArgumentException("H2 URL " + withoutSecrets(jdbcUrl) + " lacks MODE=MariaDB: the schema"
                    + " uses MariaDB syntax; append " + H2_OPTIONS);
        }
    }

    /** The URL without user info, query string or H2 credential options. */
    static String withoutSecrets(String jdbcUrl) {
        String url = USER_INFO.matcher(jdbcUrl).replaceFirst("//");
        int query = url.indexOf('?');
        if (query >= 0) {
            url = url.substring(0, query);
        }
        return H2_CREDENTIAL_OPTION.matcher(url).replaceAll("");
    }
}
