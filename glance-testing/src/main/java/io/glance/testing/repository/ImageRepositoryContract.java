package io.glance.testing.repository;

/**
 * The behaviour every {@link io.glance.ports.out.ImageRepository} must show, whatever keeps the images (H2, MariaDB,
 * glance-registry through its client, memory), split by concern into the contracts it extends. An implementation
 * joins with a JUnit test class that implements this interface and gives each test a fresh, empty repository from
 * {@link #repository()}.
 */
public interface ImageRepositoryContract extends CreateAndFindContract, ConditionalUpdateContract,
        ConcurrentUpdateContract, ListFilterContract, ListSortContract, ListPaginationContract,
        ListVisibilityContract, MemberContract {
}
