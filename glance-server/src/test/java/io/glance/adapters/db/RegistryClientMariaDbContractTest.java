package io.glance.adapters.db;

import io.glance.ports.out.ImageRepository;
import org.junit.jupiter.api.AfterEach;

/**
 * The repository contract through the registry client: glance-api's {@code data_api: registry} against a running
 * glance-registry on the real MariaDB bin/test starts (skipped without -Dglance.test.mariadb.url).
 */
class RegistryClientMariaDbContractTest extends MariaDbImageRepositoryTest {
    private RegistryInTheMiddle registry;

    @Override
    public ImageRepository repository() {
        if (registry == null) {
            registry = new RegistryInTheMiddle(database().repository());
        }
        return registry.client();
    }

    @AfterEach
    void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }
}
