package io.glance.adapters.db;

import io.glance.domain.ConflictException;
import io.glance.domain.NotFoundException;
import io.glance.domain.ServiceUnavailableException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailuresTest {
    private final DatabaseFailures failures = new DatabaseFailures("jdbc:mariadb://db:3306/glance");

    private static RuntimeException wrapped(SQLException cause) {
        return new PersistenceException("### Error updating database. Cause: " + cause, cause);
    }

    @Test
    void poolTimeoutAndBrokenConnectionsAreServiceUnavailableNamingTheDatabase() {
        for (SQLException cause : new SQLException[] {
                new SQLTransientConnectionException("glance-db - Connection is not available, request timed out"),
                new SQLNonTransientConnectionException("Socket fail to connect to host"),
                new SQLException("Communications link failure", "08S01")}) {
            RuntimeException translated = failures.translate(wrapped(cause), "list images");

            assertThat(translated).as(cause.getMessage()).isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageContaining("jdbc:mariadb://db:3306/glance")
                    .hasMessageContaining("list images")
                    .hasMessageContaining(cause.getMessage())
                    .hasRootCause(cause);
        }
    }

    @Test
    void lockConflictsOfBothDatabasesAreConflicts() {
        for (SQLException cause : new SQLException[] {
                new SQLTransactionRollbackException("Deadlock found", "40001", 1213),
                new SQLException("Lock wait timeout exceeded", "HY000", 1205),
                new SQLException("Timeout trying to lock table", "HYT00", 50200),
                new SQLException("Concurrent update to table", "90131", 90131)}) {
            assertThat(failures.translate(wrapped(cause), "update image x")).as(cause.getMessage())
                    .isInstanceOf(ConflictException.class).hasMessageContaining("update image x");
        }
    }

    @Test
    void anythingElseSaysWhatFailedWithoutTheStatementText() {
        RuntimeException translated = failures.translate(
                wrapped(new SQLException("Syntax error\nSQL statement: SELECT oops", "42000", 1064)), "find image x");

        assertThat(translated).isInstanceOf(DatabaseAccessException.class)
                .hasMessage("Failed to find image x in database jdbc:mariadb://db:3306/glance: Syntax error");
    }

    @Test
    void domainExceptionsPassUnchanged() {
        NotFoundException notFound = new NotFoundException("No image found with ID x");

        assertThat(failures.translate(notFound, "update image x")).isSameAs(notFound);
    }

    @Test
    void duplicateKeysAndMissingParentsOfBothDatabasesAreRecognised() {
        assertThat(DatabaseFailures.isDuplicateKey(wrapped(
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062)))).isTrue();
        assertThat(DatabaseFailures.isDuplicateKey(wrapped(
                new SQLIntegrityConstraintViolationException("Unique index", "23505", 23505)))).isTrue();
        assertThat(DatabaseFailures.isMissingParent(wrapped(
                new SQLIntegrityConstraintViolationException("Cannot add a child row", "23000", 1452)))).isTrue();
        assertThat(DatabaseFailures.isMissingParent(wrapped(
                new SQLIntegrityConstraintViolationException("Referential integrity", "23506", 23506)))).isTrue();
        assertThat(DatabaseFailures.isDuplicateKey(wrapped(
                new SQLIntegrityConstraintViolationException("Cannot add a child row", "23000", 1452)))).isFalse();
        assertThat(DatabaseFailures.isDuplicateKey(new IllegalStateException("no SQL at all"))).isFalse();
    }
}
