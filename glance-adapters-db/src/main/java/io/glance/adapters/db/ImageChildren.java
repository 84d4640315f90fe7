package io.glance.adapters.db;

import io.glance.domain.Image;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Tags, properties and locations of images: loaded for a whole page with one query per table (not one per image),
 * written and replaced together with their image.
 */
final class ImageChildren {
    /** Keeps IN lists well below any database's parameter limit; a page is at most 1000 images (api_limit_max). */
    private static final int IDS_PER_QUERY = 500;

    private ImageChildren() {
    }

    /** {@link #attach(ChildRows, List)} with the children read through the mappers. */
    static List<Image> attach(ImageChildMapper mapper, List<ImageRow> rows) {
        return attach(new ChildRows() {
            @Override
            public List<TagRow> tags(List<String> imageIds) {
                return mapper.selectTags(imageIds);
            }

            @Override
            public List<PropertyRow> properties(List<String> imageIds) {
                return mapper.selectProperties(imageIds);
            }

            @Override
            public List<LocationRow> locations(List<String> imageIds) {
                return mapper.selectLocations(imageIds);
            }
        }, rows);
    }

    /** Where the children of a page come from: the mapper, or plain JDBC for listings ({@link JdbcImageRows}). */
    interface ChildRows {
        List<TagRow> tags(List<String> imageIds);

        List<PropertyRow> properties(List<String> imageIds);

        List<LocationRow> locations(List<String> imageIds);
    }

    /** The images of {@code rows}, in the same order, each with its tags, properties and locations. */
    static List<Image> attach(ChildRows source, List<ImageRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(ImageRow::id).toList();
        Map<String, List<TagRow>> tags = new HashMap<>();
        Map<String, List<PropertyRow>> properties = new HashMap<>();
        Map<String, List<LocationRow>> locations = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            group(source.tags(chunk), TagRow::imageId, tags);
            group(source.properties(chunk), PropertyRow::imageId, properties);
            group(source.locations(chunk), LocationRow::imageId, locations);
        }
        List<Image> images = new ArrayList<>(rows.size());
        for (ImageRow row : rows) {
            images.add(ImageRows.toImage(row, tags.getOrDefault(row.id(), List.of()),
                    properties.getOrDefault(row.id(), List.of()), locations.getOrDefault(row.id(), List.of())));
        }
        return images;
    }

    static void insert(ImageChildMapper mapper, Image image) {
        List<TagRow> tags = ImageRows.tagRows(image);
        if (!tags.isEmpty()) {
            mapper.insertTags(tags);
        }
        List<PropertyRow> properties = ImageRows.propertyRows(image);
        if (!properties.isEmpty()) {
            mapper.insertProperties(properties);
        }
        List<LocationRow> locations = ImageRows.locationRows(image);
        if (!locations.isEmpty()) {
            mapper.insertLocations(locations);
        }
    }

    static void replace(ImageChildMapper mapper, Image image) {
        String id = image.id().value();
        mapper.deleteTags(id);
        mapper.deleteProperties(id);
        mapper.deleteLocations(id);
        insert(mapper, image);
    }

    private static <R> void group(List<R> rows, Function<R, String> imageId, Map<String, List<R>> into) {
        for (R row : rows) {
            into.computeIfAbsent(imageId.apply(row), id -> new ArrayList<>()).add(row);
        }
    }
}
