package io.glance.adapters.db;

import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.ImageTally;
import io.glance.ports.out.MemberRepository;
import io.glance.ports.out.StorageUsage;
import io.glance.testing.repository.ImageRepositoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The repository contract ({@link ImageRepositoryContract}, in glance-testing) and the database's own
 * {@link StorageUsageContract} and {@link ImageTallyContract} on a database: a database joins by
 * extending this class and opening a fresh, empty, migrated {@link GlanceDatabase} per test in
 * {@link #openDatabase()}.
 */
public abstract class ImageRepositoryContractTest implements ImageRepositoryContract, StorageUsageContract,
        ImageTallyContract {

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
    public MemberRepository members() {
        return database.members();
    }

    @Override
    public StorageUsage storageUsage() {
        return database.storageUsage();
    }

    @Override
    public ImageTally imageTally() {
        return database.imageTally();
    }

    protected GlanceDatabase database() {
        return database;
    }
}
