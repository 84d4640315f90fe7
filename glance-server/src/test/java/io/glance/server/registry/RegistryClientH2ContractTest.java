package io.glance.server.registry;

import io.glance.adapters.db.DatabaseSettings;
import io.glance.adapters.db.GlanceDatabase;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.MemberRepository;
import io.glance.testing.repository.ImageRepositoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The repository contract through the registry client: glance-api's {@code data_api: registry} against a running
 * glance-registry on a fresh embedded H2 database per test.
 */
class RegistryClientH2ContractTest implements ImageRepositoryContract {
    @TempDir
    Path dataDir;

    private GlanceDatabase database;
    private RegistryInTheMiddle registry;

    @BeforeEach
    void startRegistry() {
        database = GlanceDatabase.open(DatabaseSettings.embeddedH2(dataDir));
        registry = new RegistryInTheMiddle(database.repository(), database.members());
    }

    @AfterEach
    void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Override
    public ImageRepository repository() {
        return registry.client();
    }

    @Override
    public MemberRepository members() {
        return registry.client();
    }
}
