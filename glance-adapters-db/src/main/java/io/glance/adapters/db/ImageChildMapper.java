package io.glance.adapters.db;

import org.apache.ibatis.annotations.Param;

import java.util.List;

/** Statements on the tables that hang off an image: tags, properties, locations; batched over many images. */
interface ImageChildMapper {

    List<TagRow> selectTags(@Param("imageIds") List<String> imageIds);

    List<PropertyRow> selectProperties(@Param("imageIds") List<String> imageIds);

    List<LocationRow> selectLocations(@Param("imageIds") List<String> imageIds);

    void insertTags(@Param("rows") List<TagRow> rows);

    void insertProperties(@Param("rows") List<PropertyRow> rows);

    void insertLocations(@Param("rows") List<LocationRow> rows);

    void deleteTags(@Param("imageId") String imageId);

    void deleteProperties(@Param("imageId") String imageId);

    void deleteLocations(@Param("imageId") String imageId);
}
