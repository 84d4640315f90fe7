package io.glance.adapters.db;

import io.glance.domain.ConflictException;
import io.glance.domain.GlanceException;
import io.glance.domain.ServiceUnavailableException;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

import static java.util.Objects.requireNonNull;

/**
 * Turns what MyBatis, Flyway, HikariCP and the drivers throw into exceptions the {@code ImageRepository} port allows,
 * so that no SQL or driver exception crosses it. Knows the error codes of both databases it supports.
 */
final class DatabaseFailures {
    private static final int MARIADB_DUPLICATE_KEY = 1062;
    private static final int MARIADB_NO_REFERENCED_ROW = 1452;
    private static final int MARIADB_LOCK_WAIT_TIMEOUT = 1205;
    private static final int MARIADB_DEADLOCK = 1213;
    private static final String H2_DUPLICATE_KEY = "23505";
    private static final String H2_PARENT_MISSING = "23506";
    private static final int H2_LOCK_TIMEOUT = 50200;
    private static final int H2_CONCURRENT_UPDATE = 90131;

    private final String database;

    /** @param database how messages name the database (a URL without credentials) */
    DatabaseFailures(String database) {
        this.database = requireNonNull(database, "database is null");
    }

    /**
     * @param action what was being done, phrased to follow "failed to", e.g. {@code "update image <id>"}
     * @return a domain exception when the failure is an outage or a lost race, {@link DatabaseAccessException}
     *         otherwise; domain exceptions and already translated failures pass unchanged
     */
    RuntimeException translate(RuntimeException failure, String action) {
        if (failure instanceof GlanceException || failure instanceof DatabaseAccessException) {
            return failure;
        }
        if (isConnectionFailure(failure)) {
            return new ServiceUnavailableException("Database " + database + " is unavailable (failed to " + action
                    + "): " + rootMessage(failure), failure);
        }
        if (isLockConflict(failure)) {
            return new ConflictException("Failed to " + action + ": a concurrent request holds the same rows ("
                    + rootMessage(failure) + "); retry", failure);
        }
        return new DatabaseAccessException("Failed to " + action + " in database " + database + ": "
                + rootMessage(failure), failure);
    }

    static boolean isDuplicateKey(Throwable failure) {
        SQLException sql = sqlException(failure);
        return sql instanceof SQLIntegrityConstraintViolationException
                && (sql.getErrorCode() == MARIADB_DUPLICATE_KEY || H2_DUPLICATE_KEY.equals(sql.getSQLState()));
    }

    /** A foreign key names a row that does not exist. */
    static boolean isMissingParent(Throwable failure) {
        SQLException sql = sqlException(failure);
        return sql instanceof SQLIntegrityConstraintViolationException
                && (sql.getErrorCode() == MARIADB_NO_REFERENCED_ROW || H2_PARENT_MISSING.equals(sql.getSQLState()));
    }

    /**
     * The database cannot be reached or a connection broke: the drivers' connection exceptions, SQLState class 08,
     * and HikariCP's "connection is not available" timeout (an {@link SQLTransientConnectionException}).
     */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Deadlocks and lock waits that timed out: another transaction changed the same rows first. */
    static boolean isLockConflict(Throwable failure) {
        SQLException sql = sqlException(failure);
        if (sql == null) {
            return false;
        }
        int code = sql.getErrorCode();
        return sql instanceof SQLTransactionRollbackException
                || code == MARIADB_LOCK_WAIT_TIMEOUT || code == MARIADB_DEADLOCK
                || code == H2_LOCK_TIMEOUT || code == H2_CONCURRENT_UPDATE;
    }

    private static SQLException sqlException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /** The first line of the innermost message: drivers append the statement text, which callers need not see. */
    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
