package io.glance.server.registry;

import io.glance.adapters.registry.RegistryImageRepository;
import io.glance.testing.repository.ImageRepositoryContract;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.MemberRepository;
import io.glance.server.e2e.GlanceProcess;
import io.glance.server.e2e.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The repository contract through the registry client against a glance-registry PROCESS (bin/glance-registry's main
 * class in its own JVM) serving the real MariaDB of bin/test. One registry runs for the whole class (a JVM per test
 * would take minutes); before each test its tables are emptied over JDBC, since every contract test starts from an
 * empty database. Skipped without -Dglance.test.mariadb.url.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryProcessMariaDbContractTest implements ImageRepositoryContract {
    /** The JDBC URL bin/test passes (as to glance-adapters-db's MariaDB contract test). */
    private static final String URL_PROPERTY = "glance.test.mariadb.url";
    /** Children first: their foreign keys point at {@code images}. */
    private static final List<String> TABLES = List.of("image_members", "image_tags", "image_properties",
            "image_locations", "images");

    private String databaseUrl;
    private GlanceProcess registry;
    private RegistryImageRepository client;

    @BeforeAll
    void startRegistry() throws Exception {
        String server = System.getProperty(URL_PROPERTY, "");
        assumeTrue(!server.isBlank(), "No MariaDB to test against: set -D" + URL_PROPERTY);
        databaseUrl = TestDatabases.createMariaDb("glance_registry_contract");
        Path dataDir = Files.createTempDirectory("glance-registry-contract");
        registry = GlanceProcess.startRegistry(dataDir, "--sql_connection", databaseUrl);
        client = new RegistryImageRepository(registry.uri("/"), Duration.ofSeconds(60));
    }

    @AfterAll
    void stopRegistry() throws Exception {
        if (client != null) {
            client.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    /** Empties the registry's database: every contract test starts from an empty one. */
    @BeforeEach
    void emptyTheDatabase() throws Exception {
        try (Connection connection = DriverManager.getConnection(databaseUrl);
             Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    @Override
    public ImageRepository repository() {
        return client;
    }

    @Override
    public MemberRepository members() {
        return client;
    }
}
