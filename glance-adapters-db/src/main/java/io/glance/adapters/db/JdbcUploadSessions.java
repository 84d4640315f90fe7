package io.glance.adapters.db;

import io.glance.domain.ImageId;
import io.glance.domain.upload.UploadSession;
import io.glance.ports.out.UploadSessions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@link UploadSessions} on the {@code upload_sessions} table (V5) with plain JDBC: a handful of fixed statements
 * on one table, so no mapper. Times are UTC wall-clock DATETIMEs at second precision, as everywhere in the schema;
 * an expiry is rounded up to it, never down, so a session lives at least as long as it was given.
 */
final class JdbcUploadSessions implements UploadSessions {
    private static final String COLUMNS = "id, image_id, owner, upload_length, upload_offset, upload_options, node,"
            + " created_at, expires_at";

    private final Transactions transactions;

    JdbcUploadSessions(Transactions transactions) {
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    @Override
    public void create(UploadSession s) {
        update("record upload session " + s.id(), "INSERT INTO upload_sessions (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", s.id(), s.imageId().value(), s.owner(), s.length(),
                s.offset(), s.options(), s.node(), time(s.createdAt()), deadline(s.expiresAt()));
    }

    @Override
    public Optional<UploadSession> find(String id) {
        List<UploadSession> found = query("read upload session " + id, "SELECT " + COLUMNS
                + " FROM upload_sessions WHERE id = ?", id);
        return found.stream().findFirst();
    }

    @Override
    public void progressed(String id, long offset, Instant expiresAt) {
        update("record the progress of upload session " + id,
                "UPDATE upload_sessions SET upload_offset = ?, expires_at = ? WHERE id = ?", offset,
                deadline(expiresAt), id);
    }

    @Override
    public boolean delete(String id) {
        return update("delete upload session " + id, "DELETE FROM upload_sessions WHERE id = ?", id) > 0;
    }

    @Override
    public List<UploadSession> expired(Instant now, int limit) {
        return query("list expired upload sessions", "SELECT " + COLUMNS
                + " FROM upload_sessions WHERE expires_at <= ? ORDER BY expires_at LIMIT " + Math.max(1, limit),
                time(now));
    }

    @Override
    public List<String> ids() {
        return transactions.run("list upload sessions", session -> {
            try (PreparedStatement statement = session.getConnection().prepareStatement(
                    "SELECT id FROM upload_sessions"); ResultSet rows = statement.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
                return ids;
            } catch (SQLException e) {
                throw new DatabaseSqlException(e);
            }
        });
    }

    private int update(String action, String sql, Object... parameters) {
        return transactions.run(action, session -> {
            try (PreparedStatement statement = prepare(session.getConnection(), sql, parameters)) {
                return statement.executeUpdate();
            } catch (SQLException e) {
                throw new DatabaseSqlException(e);
            }
        });
    }

    private List<UploadSession> query(String action, String sql, Object... parameters) {
        return transactions.run(action, session -> {
            try (PreparedStatement statement = prepare(session.getConnection(), sql, parameters);
                 ResultSet rows = statement.executeQuery()) {
                List<UploadSession> sessions = new ArrayList<>();
                while (rows.next()) {
                    sessions.add(new UploadSession(rows.getString(1), new ImageId(rows.getString(2)),
                            rows.getString(3), rows.getLong(4), rows.getLong(5), rows.getString(6),
                            rows.getString(7), instant(rows.getObject(8, LocalDateTime.class)),
                            instant(rows.getObject(9, LocalDateTime.class))));
                }
                return sessions;
            } catch (SQLException e) {
                throw new DatabaseSqlException(e);
            }
        });
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static LocalDateTime time(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    /**
     * An expiry at the column's precision, rounded up: truncated, a session given one second
     * ({@code resumable_upload_expiration: 1}) opened at 12:00:00.999 would be stored to end at 12:00:01 and answer
     * 410 to a PATCH sent a millisecond after its POST.
     */
    private static LocalDateTime deadline(Instant instant) {
        Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
        return time(seconds.equals(instant) ? seconds : seconds.plusSeconds(1));
    }

    private static Instant instant(LocalDateTime value) {
        return value.toInstant(ZoneOffset.UTC);
    }

    /** An SQL failure inside a transaction; {@link Transactions} translates it with its cause. */
    private static final class DatabaseSqlException extends RuntimeException {
        DatabaseSqlException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
