package io.glance.adapters.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code glance-manage db purge}: hard-deletes what soft-deleted images leave behind, their properties, tags,
 * locations and members, for images deleted before a moment. The image row itself stays: it is what keeps a deleted
 * id reserved (a new image may never reuse it), and it is small. Works in batches, each its own transaction, so a
 * purge of millions of rows never holds long locks and an interrupted purge keeps what it did.
 */
final class DeletedImagePurge {
    static final int BATCH = 200;
    private static final List<String> CHILD_TABLES = List.of("image_properties", "image_tags", "image_locations",
            "image_members");

    /**
     * @param images the deleted images whose rows were purged
     * @param rows   rows deleted per table
     */
    record Result(int images, Map<String, Integer> rows) {
    }

    private final DataSource pool;

    DeletedImagePurge(DataSource pool) {
        this.pool = requireNonNull(pool, "pool is null");
    }

    /** @param maxImages at most this many images (Glance's {@code --max_rows}); negative means all */
    Result purge(Instant deletedBefore, int maxImages) throws SQLException {
        Map<String, Integer> rows = new LinkedHashMap<>();
        CHILD_TABLES.forEach(table -> rows.put(table, 0));
        int images = 0;
        while (maxImages < 0 || images < maxImages) {
            int batch = maxImages < 0 ? BATCH : Math.min(BATCH, maxImages - images);
            try (Connection connection = pool.getConnection()) {
                List<String> ids = candidates(connection, deletedBefore, batch);
                if (ids.isEmpty()) {
                    break;
                }
                String in = String.join(",", Collections.nCopies(ids.size(), "?"));
                for (String table : CHILD_TABLES) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM " + table + " WHERE image_id IN (" + in + ")")) {
                        for (int i = 0; i < ids.size(); i++) {
                            delete.setString(i + 1, ids.get(i));
                        }
                        rows.merge(table, delete.executeUpdate(), Integer::sum);
                    }
                }
                connection.commit();
                images += ids.size();
            }
        }
        return new Result(images, rows);
    }

    /** Deleted images with rows left to purge, oldest deletion first. */
    private static List<String> candidates(Connection connection, Instant deletedBefore, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT i.id FROM images i WHERE i.deleted = TRUE AND i.deleted_at < ?"
                + " AND (");
        for (int i = 0; i < CHILD_TABLES.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append("EXISTS (SELECT 1 FROM ").append(CHILD_TABLES.get(i))
                    .append(" c WHERE c.image_id = i.id)");
        }
        sql.append(") ORDER BY i.deleted_at, i.id LIMIT ").append(limit);
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            select.setObject(1, LocalDateTime.ofInstant(deletedBefore, ZoneOffset.UTC));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getString(1));
                }
            }
        }
        return ids;
    }
}
