package io.glance.adapters.db;

import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.StorageUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The behaviour every database must show through {@link ImageRepository}, split by concern into the contract
 * interfaces below. A database joins by extending this class and opening a fresh, empty, migrated
 * {@link GlanceDatabase} per test in {@link #openDatabase()}.
 */
abstract class ImageRepositoryContractTest implements CreateAndFindContract, ConditionalUpdateContract,
        ConcurrentUpdateContract, ListFilterContract, ListSortContract, ListPaginationContract,
        ListVisibilityContract, MemberContract, StorageUsageContract {

    private GlanceDatabase database;

    /** A new database with the schema migrated and no images; closed by the contract after the test. */
    protected abstract GlanceDatabase openDatabase() throws Exception;

    @BeforeEach
    void openFreshDatabase() throws Exception {
        database = openDatabase();
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    public ImageRepository repository() {
        return database.repository();
    }

    @Override
    public StorageUsage storageUsage() {
        return database.storageUsage();
    }

    protected GlanceDatabase database() {
        return database;
    }
}
