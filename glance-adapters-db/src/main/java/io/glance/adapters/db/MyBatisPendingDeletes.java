package io.glance.adapters.db;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.ports.out.PendingDeletes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@link PendingDeletes} on the images table: conditional updates, so concurrent scrubbers and restores agree. */
final class MyBatisPendingDeletes implements PendingDeletes {
    private final Transactions transactions;

    MyBatisPendingDeletes(Transactions transactions) {
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    @Override
    public List<Image> due(Instant deletedBefore, int limit) {
        return transactions.run("list images pending delete", session -> ImageChildren.attach(
                session.getMapper(ImageChildMapper.class),
                session.getMapper(ImageMapper.class).selectPendingDelete(deletedBefore, limit)));
    }

    @Override
    public boolean scrubbed(ImageId id, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        return transactions.run("finish deleting image " + id, session -> session.getMapper(ImageMapper.class)
                .finishPendingDelete(id.value(), at) == 1);
    }

    @Override
    public Optional<Image> restore(ImageId id, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        return transactions.run("restore image " + id, session -> {
            ImageMapper images = session.getMapper(ImageMapper.class);
            if (images.restorePendingDelete(id.value(), at) == 0) {
                return Optional.empty();
            }
            return Optional.of(ImageChildren.attach(session.getMapper(ImageChildMapper.class),
                    List.of(images.selectAny(id.value()))).get(0));
        });
    }
}
