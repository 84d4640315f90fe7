package io.glance.adapters.db;

import org.apache.ibatis.annotations.Param;

import java.util.List;

/** Statements on {@code image_members}. */
interface ImageMemberMapper {

    void insert(MemberRow row);

    /** The member row, or {@code null}. */
    MemberRow select(@Param("imageId") String imageId, @Param("member") String member);

    List<MemberRow> selectAll(@Param("imageId") String imageId);

    /** @return rows changed (0 when there is no such member) */
    int updateStatus(MemberRow row);

    /** @return rows deleted (0 when there is no such member) */
    int delete(@Param("imageId") String imageId, @Param("member") String member);
}
