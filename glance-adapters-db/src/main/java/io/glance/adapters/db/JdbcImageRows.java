package io.glance.adapters.db;

import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The reads of a listing in plain JDBC on the session's connection (so inside its transaction): the page
 * ({@link PageSql}) and its images' tags, properties and locations. Rows are read by column position into the row
 * records, without MyBatis' reflective result mapping; the statements are the ones the mappers had.
 */
final class JdbcImageRows implements ImageChildren.ChildRows {
    private static final UtcInstantTypeHandler INSTANTS = new UtcInstantTypeHandler();
    private static final String LIVE = "SELECT " + PageSql.COLUMNS
            + " FROM images i WHERE i.id = ? AND i.deleted = FALSE";

    private final Connection connection;

    JdbcImageRows(SqlSession session) {
        this.connection = session.getConnection();
    }

    List<ImageRow> page(ListStatement statement) {
        PageSql page = PageSql.of(statement);
        return query(page.sql(), page.parameters(), JdbcImageRows::imageRow);
    }

    /** The image that is not deleted with this id (a show's read, which MyBatis' mapping made dearer). */
    ImageRow live(String id) {
        List<ImageRow> rows = query(LIVE, List.of(id), JdbcImageRows::imageRow);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    @Override
    public List<TagRow> tags(List<String> imageIds) {
        return query("SELECT image_id, tag, position FROM image_tags WHERE image_id IN " + placeholders(imageIds)
                + " ORDER BY image_id, position", List.copyOf(imageIds),
                rs -> new TagRow(rs.getString(1), rs.getString(2), rs.getInt(3)));
    }

    @Override
    public List<PropertyRow> properties(List<String> imageIds) {
        return query("SELECT image_id, name, property_value, position FROM image_properties WHERE image_id IN "
                + placeholders(imageIds) + " ORDER BY image_id, position", List.copyOf(imageIds),
                rs -> new PropertyRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
    }

    @Override
    public List<LocationRow> locations(List<String> imageIds) {
        return query("SELECT image_id, position, url, metadata FROM image_locations WHERE image_id IN "
                + placeholders(imageIds) + " ORDER BY image_id, position", List.copyOf(imageIds),
                rs -> new LocationRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
    }

    /** The columns of {@link PageSql#COLUMNS}, in that order. */
    private static ImageRow imageRow(ResultSet rs) throws SQLException {
        return new ImageRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                rs.getBoolean(6), rs.getString(7), nullableLong(rs, 8), nullableLong(rs, 9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getInt(15),
                rs.getInt(16), INSTANTS.getResult(rs, 17), INSTANTS.getResult(rs, 18), INSTANTS.getResult(rs, 19),
                rs.getBoolean(20), INSTANTS.getResult(rs, 21));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static String placeholders(List<String> ids) {
        StringBuilder in = new StringBuilder(ids.size() * 3 + 2).append('(');
        for (int i = 0; i < ids.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        return in.append(')').toString();
    }

    private interface RowReader<R> {
        R read(ResultSet rs) throws SQLException;
    }

    private <R> List<R> query(String sql, List<Object> parameters, RowReader<R> reader) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                bind(statement, i + 1, parameters.get(i));
            }
            List<R> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new PersistenceException("Error querying database: " + e.getMessage() + " (" + sql + ")", e);
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            case String text -> statement.setString(index, text);
            case Boolean bool -> statement.setBoolean(index, bool);
            case Integer number -> statement.setInt(index, number);
            case Long number -> statement.setLong(index, number);
            case Instant instant -> INSTANTS.setParameter(statement, index, instant, null);
            default -> statement.setObject(index, value);
        }
    }
}
