package io.glance.adapters.db;

import io.glance.domain.ImageId;
import io.glance.domain.upload.UploadSession;
import io.glance.ports.out.UploadSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upload sessions on the embedded H2 file: the table keeps whole seconds, and an expiry is rounded up to them, so a
 * session is never expired before the time the server gave it (with a one-second lifetime, truncating could leave it
 * a millisecond).
 */
class H2UploadSessionsTest {
    private static final Instant OPENED = Instant.parse("2026-12-07T12:00:00.400Z");

    @TempDir
    Path dataDir;
    private GlanceDatabase database;
    private UploadSessions sessions;

    @BeforeEach
    void open() {
        database = GlanceDatabase.open(DatabaseSettings.embeddedH2(dataDir));
        sessions = database.uploadSessions();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anExpiryBetweenTwoSecondsIsStoredAsTheLaterOne() {
        UploadSession session = session(Instant.parse("2026-12-07T12:00:00.999Z"));
        sessions.create(session);

        UploadSession stored = sessions.find(session.id()).orElseThrow();
        assertThat(stored.expiresAt()).isEqualTo(Instant.parse("2026-12-07T12:00:01Z"));
        assertThat(stored.expired(Instant.parse("2026-12-07T12:00:00.999Z"))).isFalse();
        assertThat(stored.createdAt()).isEqualTo(Instant.parse("2026-12-07T12:00:00Z"));
        assertThat(sessions.expired(Instant.parse("2026-12-07T12:00:00.999Z"), 10)).isEmpty();
        assertThat(sessions.expired(Instant.parse("2026-12-07T12:00:01Z"), 10)).extracting(UploadSession::id)
                .containsExactly(session.id());
    }

    @Test
    void progressMovesTheExpiryOnRoundedUpAndAWholeSecondStaysAsItIs() {
        UploadSession session = session(Instant.parse("2026-12-07T12:00:01Z"));
        sessions.create(session);
        assertThat(sessions.find(session.id()).orElseThrow().expiresAt())
                .isEqualTo(Instant.parse("2026-12-07T12:00:01Z"));

        sessions.progressed(session.id(), 100, Instant.parse("2026-12-07T12:00:05.001Z"));

        UploadSession stored = sessions.find(session.id()).orElseThrow();
        assertThat(stored.offset()).isEqualTo(100);
        assertThat(stored.expiresAt()).isEqualTo(Instant.parse("2026-12-07T12:00:06Z"));
    }

    private static UploadSession session(Instant expiresAt) {
        return new UploadSession(UUID.randomUUID().toString(), new ImageId(UUID.randomUUID().toString()), "project",
                1000, 0, "", "node", OPENED, expiresAt);
    }
}
