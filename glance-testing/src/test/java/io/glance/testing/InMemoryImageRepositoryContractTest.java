package io.glance.testing;

import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.MemberRepository;
import io.glance.testing.repository.ImageRepositoryContract;
import org.junit.jupiter.api.BeforeEach;

/**
 * The repository contract against the in-memory repository most application and HTTP tests run on: its listing
 * (filters, order, paging, visibility), conditional updates and members must behave as the databases' do.
 */
class InMemoryImageRepositoryContractTest implements ImageRepositoryContract {
    private InMemoryImageRepository repository;

    @BeforeEach
    void freshRepository() {
        repository = new InMemoryImageRepository();
    }

    @Override
    public ImageRepository repository() {
        return repository;
    }

    @Override
    public MemberRepository members() {
        return repository;
    }
}
