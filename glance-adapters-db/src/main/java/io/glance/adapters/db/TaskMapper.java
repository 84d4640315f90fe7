package io.glance.adapters.db;

import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;

/** Statements on {@code tasks} (TaskMapper.xml); deleted rows are never read. */
interface TaskMapper {

    void insert(@Param("row") TaskRow row);

    TaskRow select(@Param("id") String id);

    int update(@Param("row") TaskRow row, @Param("expectedStatus") String expectedStatus);

    List<TaskRow> selectForImage(@Param("imageId") String imageId);

    /** @param sortColumn a column name from a fixed list (never caller text) */
    List<TaskRow> selectList(@Param("status") String status, @Param("type") String type,
                             @Param("sortColumn") String sortColumn, @Param("ascending") boolean ascending);

    List<TaskRow> selectUnfinished(@Param("worker") String worker);

    int deleteExpired(@Param("now") Instant now);
}
