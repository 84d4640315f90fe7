package io.glance.adapters.db;

import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Runs one unit of work in one transaction: commit when it returns, roll back when it throws (closing an uncommitted
 * session rolls back), and translate whatever escaped into what the port allows.
 */
final class Transactions {
    private final SqlSessionFactory sessions;
    private final DatabaseFailures failures;

    Transactions(SqlSessionFactory sessions, DatabaseFailures failures) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.failures = requireNonNull(failures, "failures is null");
    }

    /** @param action what the work does, for messages: follows "failed to" */
    <T> T run(String action, Function<SqlSession, T> work) {
        try (SqlSession session = sessions.openSession(false)) {
            T result = work.apply(session);
            session.commit(true);
            return result;
        } catch (RuntimeException e) {
            throw failures.translate(e, action);
        }
    }
}
