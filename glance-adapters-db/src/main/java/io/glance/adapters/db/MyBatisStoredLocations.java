package io.glance.adapters.db;

import io.glance.domain.Image;
import io.glance.ports.out.StoredLocations;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * {@link StoredLocations} on {@code image_locations} and {@code images}. The location column is TEXT without an
 * index, so {@link #referenced} scans it once per batch: the sweeper asks in batches of hundreds, not per object.
 */
final class MyBatisStoredLocations implements StoredLocations {
    private final Transactions transactions;

    MyBatisStoredLocations(Transactions transactions) {
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    @Override
    public Set<String> referenced(Collection<String> urls) {
        if (urls.isEmpty()) {
            return Set.of();
        }
        List<String> asked = List.copyOf(urls);
        return transactions.run("look up " + asked.size() + " image locations", session ->
                new HashSet<>(session.getMapper(ImageMapper.class).selectReferencedUrls(asked)));
    }

    @Override
    public List<Image> activeAfter(String afterId, int limit) {
        requireNonNull(afterId, "afterId is null");
        return transactions.run("list active images", session -> ImageChildren.attach(
                session.getMapper(ImageChildMapper.class),
                session.getMapper(ImageMapper.class).selectActiveAfter(afterId, limit)));
    }
}
