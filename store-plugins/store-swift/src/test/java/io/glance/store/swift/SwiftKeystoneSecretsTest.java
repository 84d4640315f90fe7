package io.glance.store.swift;

import io.glance.store.spi.ByteRange;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoredObject;
import io.glance.store.tck.PatternInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * With Keystone v3 against the real test services, the password and the token the driver got appear in no location,
 * no {@code describe()}, no exception (message or stack trace, causes included) and no log record, through a
 * plain and a segmented write, full and ranged reads, and the failures a host sees most (duplicate, missing object).
 * Log records are everything java.util.logging receives at level ALL while the driver exists: where jclouds, Guice
 * and the JDK's HTTP clients (through System.Logger) write.
 *
 * <p>One exception, asserted rather than ignored: the JDK's {@code HttpURLConnection}, which jclouds sends with, dumps
 * every request and response header at FINE, so its debug records hold the token ({@code X-Auth-Token},
 * {@code X-Subject-Token}). glance-api never publishes them (its root logger stays at INFO, {@code --verbose} lowers
 * only {@code io.glance}); an operator who turns that JDK logger to FINE by hand sees tokens (README, Limits).
 */
class SwiftKeystoneSecretsTest {

    /** The JDK's HttpURLConnection header dump at FINE (see the class comment). */
    private static final String JDK_HEADER_DUMP = "sun.net.www.protocol.http.HttpURLConnection";

    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger root = Logger.getLogger("");
    private Level rootLevel;

    @BeforeEach
    void captureAllLogRecords() {
        rootLevel = root.getLevel();
        capture.setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void restoreLogging() {
        root.removeHandler(capture);
        root.setLevel(rootLevel);
    }

    @Test
    void passwordAndTokenAppearNowhere() throws IOException {
        SwiftTestAccount project = SwiftTestAccount.requireKeystone();
        String container = "secrets-" + UUID.randomUUID().toString().substring(0, 8);
        SwiftStoreConfig config = SwiftStoreConfig.parse("obj", Map.of(
                "swift_store_auth_version", "3",
                "swift_store_auth_address", project.authAddress(),
                "swift_store_user", project.user(),
                "swift_store_key", project.key(),
                "swift_store_container", container,
                "swift_store_create_container_on_put", "true",
                "swift_store_large_object_size", "1",
                "swift_store_large_object_chunk_size", "1"));
        // Built by hand, not by the factory, to ask the client for the very token the driver sends.
        SwiftClient client = SwiftClient.create("obj", config);
        List<String> seen = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        String token;
        try (SwiftStoreDriver driver = new SwiftStoreDriver("obj", config, client)) {
            StoredObject small = driver.put("small", new ByteArrayInputStream(new byte[100]), 100);
            StoredObject large = driver.put("large", new PatternInputStream(1_500_000, 7), -1);
            seen.add(small.toString());
            seen.add(large.toString());
            seen.add(driver.describe().toString());
            readAll(driver.get(small.location(), null));
            readAll(driver.get(large.location(), new ByteRange(1_000_000, 100_000)));
            failures.add(catchThrowable(() -> driver.put("small", new ByteArrayInputStream(new byte[1]), 1)));
            URI missing = new SwiftLocations(config.authAddress(), container).locationOf("missing");
            failures.add(catchThrowable(() -> driver.get(missing, null)));
            failures.add(catchThrowable(() -> driver.delete(missing)));
            driver.delete(small.location());
            driver.delete(large.location());
            token = client.token();
        }

        String[] secrets = {project.key(), token};
        for (String text : seen) {
            Secrets.assertAbsent("what the driver returned", text, secrets);
        }
        assertThat(failures).as("every provoked failure happened").doesNotContainNull().hasSize(3);
        for (Throwable failure : failures) {
            Secrets.assertAbsent(failure, secrets);
        }
        // An empty capture would prove nothing: Guice alone logs while jclouds builds its injector.
        assertThat(records).as("log records captured").isNotEmpty();
        SimpleFormatter formatter = new SimpleFormatter();
        for (LogRecord record : List.copyOf(records)) {
            if (record.getLoggerName() != null && record.getLoggerName().equals(JDK_HEADER_DUMP)
                    && record.getLevel().intValue() < Level.INFO.intValue()) {
                continue;
            }
            Secrets.assertAbsent("log record " + record.getLoggerName() + " " + record.getLevel(),
                    formatter.format(record), secrets);
        }
    }

    private static void readAll(ObjectData data) throws IOException {
        try (InputStream stream = data.stream()) {
            stream.transferTo(OutputStream.nullOutputStream());
        }
    }
}
