package io.glance.adapters.db;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one page of a listing, built in Java from a {@link ListStatement}: the same statement
 * {@code ImageMapper.selectPage} used to be (and runs unchanged on MariaDB and on H2 in MODE=MariaDB), without
 * MyBatis' per-request interpretation of the dynamic XML (OGNL, then parsing the result for its parameters), which
 * profiling showed as a quarter of a listing's CPU. Column names come from {@link ListFilters} and {@link ListOrder},
 * never from the request; every value is a {@code ?} parameter. Equal statement shapes give equal SQL strings, so
 * the database's statement cache recognises them.
 *
 * @param sql        the statement
 * @param parameters its parameters in order: String, Boolean, Integer, Long or Instant
 */
record PageSql(String sql, List<Object> parameters) {
    static final String COLUMNS = "i.id, i.name, i.status, i.visibility, i.is_protected, i.os_hidden, i.owner, "
            + "i.size, i.virtual_size, i.checksum, i.os_hash_algo, i.os_hash_value, i.disk_format, "
            + "i.container_format, i.min_disk, i.min_ram, i.created_at, i.updated_at, i.deleted_at, i.deleted, "
            + "i.activated_at";

    static PageSql of(ListStatement statement) {
        StringBuilder sql = new StringBuilder(512);
        List<Object> parameters = new ArrayList<>();
        sql.append("SELECT ").append(COLUMNS).append(" FROM images i WHERE i.deleted = FALSE"
                + " AND i.status <> 'killed' AND i.os_hidden = ?");
        parameters.add(statement.osHidden());
        VisibilityScope scope = statement.scope();
        if (!scope.admin()) {
            sql.append(" AND (i.visibility IN ('public', 'community')");
            if (scope.projectId() != null) {
                sql.append(" OR i.owner = ? OR (i.visibility = 'shared' AND EXISTS (SELECT 1 FROM image_members m"
                        + " WHERE m.image_id = i.id AND m.member = ?");
                parameters.add(scope.projectId());
                parameters.add(scope.projectId());
                if (scope.memberStatus() != null) {
                    sql.append(" AND m.status = ?");
                    parameters.add(scope.memberStatus());
                }
                sql.append("))");
            }
            sql.append(')');
        }
        if (scope.visibility() != null) {
            sql.append(" AND i.visibility = ?");
            parameters.add(scope.visibility());
        }
        if (scope.hideForeignCommunity()) {
            sql.append(" AND (i.visibility <> 'community'");
            if (scope.projectId() != null) {
                sql.append(" OR i.owner = ?");
                parameters.add(scope.projectId());
            }
            sql.append(')');
        }
        ListFilters filters = statement.filters();
        for (ListFilters.ColumnCondition condition : filters.columns()) {
            sql.append(" AND i.").append(condition.column()).append(" IN (");
            for (int i = 0; i < condition.values().size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
                parameters.add(condition.values().get(i));
            }
            sql.append(')');
        }
        for (ListFilters.TimeCondition time : filters.times()) {
            sql.append(" AND i.").append(time.column()).append(' ').append(time.operator()).append(" ?");
            parameters.add(time.value());
        }
        if (filters.sizeMin() != null) {
            sql.append(" AND i.size >= ?");
            parameters.add(filters.sizeMin());
        }
        if (filters.sizeMax() != null) {
            sql.append(" AND i.size <= ?");
            parameters.add(filters.sizeMax());
        }
        for (String tag : filters.tags()) {
            sql.append(" AND EXISTS (SELECT 1 FROM image_tags t WHERE t.image_id = i.id AND t.tag = ?)");
            parameters.add(tag);
        }
        for (ListFilters.PropertyCondition property : filters.properties()) {
            sql.append(" AND EXISTS (SELECT 1 FROM image_properties p WHERE p.image_id = i.id AND p.name = ?"
                    + " AND p.property_value = ?)");
            parameters.add(property.name());
            parameters.add(property.value());
        }
        if (statement.afterMarker() != null) {
            sql.append(" AND (");
            boolean firstBranch = true;
            for (List<ListOrder.KeysetCondition> branch : statement.afterMarker()) {
                sql.append(firstBranch ? "(" : " OR (");
                firstBranch = false;
                boolean firstKey = true;
                for (ListOrder.KeysetCondition key : branch) {
                    if (!firstKey) {
                        sql.append(" AND ");
                    }
                    firstKey = false;
                    keyset(sql, parameters, key);
                }
                sql.append(')');
            }
            sql.append(')');
        }
        sql.append(" ORDER BY ");
        boolean firstTerm = true;
        for (ListOrder.OrderTerm term : statement.order()) {
            if (!firstTerm) {
                sql.append(", ");
            }
            firstTerm = false;
            if (term.nullable()) {
                sql.append("CASE WHEN i.").append(term.column()).append(" IS NULL THEN 0 ELSE 1 END ")
                        .append(term.direction()).append(", ");
            }
            sql.append("i.").append(term.column()).append(' ').append(term.direction());
        }
        sql.append(" LIMIT ?");
        parameters.add(statement.limit());
        return new PageSql(sql.toString(), parameters);
    }

    private static void keyset(StringBuilder sql, List<Object> parameters, ListOrder.KeysetCondition key) {
        String column = "i." + key.column();
        switch (key.kind()) {
            case "IS_NULL" -> sql.append(column).append(" IS NULL");
            case "NOT_NULL" -> sql.append(column).append(" IS NOT NULL");
            case "EQUAL" -> {
                sql.append(column).append(" = ?");
                parameters.add(key.value());
            }
            case "GREATER" -> {
                sql.append(column).append(" > ?");
                parameters.add(key.value());
            }
            case "LESS_OR_NULL" -> {
                sql.append('(').append(column).append(" < ? OR ").append(column).append(" IS NULL)");
                parameters.add(key.value());
            }
            default -> throw new IllegalArgumentException("unknown keyset condition " + key.kind());
        }
    }
}
