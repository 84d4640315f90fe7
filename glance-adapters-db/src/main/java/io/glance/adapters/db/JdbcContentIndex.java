package io.glance.adapters.db;

import io.glance.domain.ConflictException;
import io.glance.domain.ImageId;
import io.glance.ports.out.ContentIndex;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static java.util.Objects.requireNonNull;

/**
 * {@link ContentIndex} on the V6 tables, in plain JDBC inside the repository's transactions. A content's row is locked
 * ({@code SELECT ... FOR UPDATE}) by every claim and release of it, so a release that drops the last reference and a
 * claim that adds one are serialised: an object is unregistered only when no image refers to it, and once
 * unregistered no claim can find it again.
 */
final class JdbcContentIndex implements ContentIndex {
    private static final String POINTS_AT = "SELECT 1 FROM image_locations l JOIN images i ON i.id = l.image_id"
            + " WHERE l.image_id = ? AND i.status <> 'deleted' AND l.url = ?";

    /** How often a transaction chosen as a deadlock victim is run before its conflict reaches the caller. */
    private static final int LOCK_CONFLICT_ATTEMPTS = 5;

    private final Transactions transactions;
    private final String worker;
    private final Duration othersAfter;
    private final Clock clock;

    /**
     * @param worker      this node's name on its journal entries
     * @param othersAfter how old another node's journal entry must be before this node replays it too (that node
     *                    died and nobody else will)
     */
    JdbcContentIndex(Transactions transactions, String worker, Duration othersAfter, Clock clock) {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.worker = requireNonNull(worker, "worker is null");
        this.othersAfter = requireNonNull(othersAfter, "othersAfter is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public String journal(String storeId, URI location, ImageId image) {
        return run("journal the object " + location, connection -> insertJournal(connection, storeId, location,
                image));
    }

    @Override
    public void forget(String entryId) {
        run("forget journal entry " + entryId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM dedup_journal WHERE id = ?")) {
                delete.setString(1, entryId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<JournalEntry> journal() {
        return run("read the dedup journal", connection -> {
            List<JournalEntry> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, store_id, location, image_id"
                    + " FROM dedup_journal WHERE worker = ? OR created_at < ? ORDER BY created_at, id")) {
                select.setString(1, worker);
                select.setObject(2, utc(clock.instant().minus(othersAfter).getEpochSecond()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new JournalEntry(rows.getString(1), rows.getString(2),
                                URI.create(rows.getString(3)), new ImageId(rows.getString(4))));
                    }
                }
            }
            return entries;
        });
    }

    @Override
    public URI claim(String storeId, String sha512, long size, URI candidate, ImageId image) {
        return run("count a reference of image " + image + " in store " + storeId, connection -> {
            Optional<String> existing = lockedLocation(connection, storeId, sha512, size);
            if (existing.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dedup_objects"
                        + " (store_id, sha512, size, location, location_key, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, storeId);
                    insert.setString(2, sha512);
                    insert.setLong(3, size);
                    insert.setString(4, candidate.toString());
                    insert.setString(5, key(candidate));
                    insert.setObject(6, now());
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (!DatabaseFailures.isDuplicateKey(e)) {
                        throw e;
                    }
                    // Another upload of the same bytes registered its object first: use it.
                }
                existing = lockedLocation(connection, storeId, sha512, size);
            }
            String location = existing.orElseThrow(() -> new IllegalStateException("content " + sha512
                    + " of store " + storeId + " vanished while it was locked"));
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dedup_references"
                    + " (store_id, sha512, size, image_id) SELECT ?, ?, ?, ? FROM dedup_objects"
                    + " WHERE store_id = ? AND sha512 = ? AND size = ? AND NOT EXISTS (SELECT 1 FROM dedup_references"
                    + " WHERE store_id = ? AND sha512 = ? AND size = ? AND image_id = ?)")) {
                int i = 1;
                for (int repeat = 0; repeat < 3; repeat++) {
                    insert.setString(i++, storeId);
                    insert.setString(i++, sha512);
                    insert.setLong(i++, size);
                    if (repeat != 1) {
                        insert.setString(i++, image.value());
                    }
                }
                insert.executeUpdate();
            }
            return URI.create(location);
        });
    }

    @Override
    public Release release(String storeId, URI location, ImageId image) {
        return run("drop the reference of image " + image + " to " + location, connection -> {
            String sha512;
            long size;
            try (PreparedStatement select = connection.prepareStatement("SELECT sha512, size FROM dedup_objects"
                    + " WHERE store_id = ? AND location_key = ? FOR UPDATE")) {
                select.setString(1, storeId);
                select.setString(2, key(location));
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return new Release(false, Optional.empty());
                    }
                    sha512 = row.getString(1);
                    size = row.getLong(2);
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM dedup_references"
                    + " WHERE store_id = ? AND sha512 = ? AND size = ? AND image_id = ?")) {
                delete.setString(1, storeId);
                delete.setString(2, sha512);
                delete.setLong(3, size);
                delete.setString(4, image.value());
                delete.executeUpdate();
            }
            if (count(connection, storeId, sha512, size) > 0) {
                return new Release(true, Optional.empty());
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM dedup_objects"
                    + " WHERE store_id = ? AND sha512 = ? AND size = ?")) {
                delete.setString(1, storeId);
                delete.setString(2, sha512);
                delete.setLong(3, size);
                delete.executeUpdate();
            }
            return new Release(true, Optional.of(insertJournal(connection, storeId, location, image)));
        });
    }

    @Override
    public boolean pointsAt(ImageId image, URI location) {
        return run("check the locations of image " + image, connection -> {
            try (PreparedStatement select = connection.prepareStatement(POINTS_AT)) {
                select.setString(1, image.value());
                select.setString(2, location.toString());
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    @Override
    public List<Reference> staleReferences() {
        return run("find references of images that no longer point at their object", connection -> {
            List<Reference> stale = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT o.store_id, o.location, r.image_id"
                    + " FROM dedup_references r JOIN dedup_objects o ON o.store_id = r.store_id"
                    + " AND o.sha512 = r.sha512 AND o.size = r.size"
                    + " WHERE NOT EXISTS (SELECT 1 FROM image_locations l JOIN images i ON i.id = l.image_id"
                    + " WHERE l.image_id = r.image_id AND i.status <> 'deleted' AND l.url = o.location)"
                    + " AND NOT EXISTS (SELECT 1 FROM dedup_journal j WHERE j.image_id = r.image_id"
                    + " AND j.store_id = r.store_id)")) {
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        stale.add(new Reference(rows.getString(1), URI.create(rows.getString(2)),
                                new ImageId(rows.getString(3))));
                    }
                }
            }
            return stale;
        });
    }

    @Override
    public List<URI> referencedBy(String storeId, ImageId image) {
        return run("list the objects image " + image + " refers to", connection -> {
            List<URI> locations = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT o.location FROM dedup_references r"
                    + " JOIN dedup_objects o ON o.store_id = r.store_id AND o.sha512 = r.sha512 AND o.size = r.size"
                    + " WHERE r.store_id = ? AND r.image_id = ?")) {
                select.setString(1, storeId);
                select.setString(2, image.value());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        locations.add(URI.create(rows.getString(1)));
                    }
                }
            }
            return locations;
        });
    }

    @Override
    public int references(String storeId, URI location) {
        return run("count the references to " + location, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM dedup_references r"
                    + " JOIN dedup_objects o ON o.store_id = r.store_id AND o.sha512 = r.sha512 AND o.size = r.size"
                    + " WHERE o.store_id = ? AND o.location_key = ?")) {
                select.setString(1, storeId);
                select.setString(2, key(location));
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    private Optional<String> lockedLocation(Connection connection, String storeId, String sha512, long size)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT location FROM dedup_objects"
                + " WHERE store_id = ? AND sha512 = ? AND size = ? FOR UPDATE")) {
            select.setString(1, storeId);
            select.setString(2, sha512);
            select.setLong(3, size);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    private static int count(Connection connection, String storeId, String sha512, long size) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM dedup_references"
                + " WHERE store_id = ? AND sha512 = ? AND size = ?")) {
            select.setString(1, storeId);
            select.setString(2, sha512);
            select.setLong(3, size);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private String insertJournal(Connection connection, String storeId, URI location, ImageId image)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dedup_journal"
                + " (id, worker, store_id, location, image_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, worker);
            insert.setString(3, storeId);
            insert.setString(4, location.toString());
            insert.setString(5, image.value());
            insert.setObject(6, now());
            insert.executeUpdate();
        }
        return id;
    }

    private LocalDateTime now() {
        return utc(clock.instant().getEpochSecond());
    }

    private static LocalDateTime utc(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }

    /** The location's index key: locations are TEXT, too long for a MariaDB index. */
    static String key(URI location) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(location.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Runs the work in a transaction, again when the database chose it as a deadlock victim. MariaDB's gap locks make
     * two first claims of the same new bytes deadlock now and then (each {@code SELECT ... FOR UPDATE} of the missing
     * row locks the gap the other then inserts into); every unit of work here is a whole transaction that was rolled
     * back, so running it again is safe, and an upload should not fail with 409 for a race it did not lose.
     */
    private <T> T run(String action, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.run(action, session -> {
                    try {
                        return work.apply(session.getConnection());
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
            } catch (ConflictException lockConflict) {
                if (attempt == LOCK_CONFLICT_ATTEMPTS) {
                    throw lockConflict;
                }
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a deadlocked transaction", e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
