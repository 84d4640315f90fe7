package io.glance.cli;

import io.glance.client.GlanceClient;
import io.glance.client.Image;
import io.glance.client.ImageQuery;

import java.util.List;
import java.util.Map;

/**
 * The listing of index, details and clear: public images, as in Cactus, unless the filters say otherwise
 * ({@code visibility=all}, {@code is_public=false}); other {@code field=value} filters pass to the server.
 */
final class PublicImages {
    private PublicImages() {
    }

    static List<Image> list(GlanceClient client, Map<String, String> filters) {
        ImageQuery query = ImageQuery.all().sort("name", "asc");
        boolean visibilityGiven = false;
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            switch (filter.getKey()) {
                case "is_public" -> {
                    visibilityGiven = true;
                    if (!filter.getValue().equalsIgnoreCase("none")) {
                        query.visibility(Fields.isTrue(filter.getValue()) ? "public" : "private");
                    } else {
                        query.visibility("all");
                    }
                }
                case "visibility" -> {
                    visibilityGiven = true;
                    query.visibility(filter.getValue());
                }
                default -> query.filter(filter.getKey(), filter.getValue());
            }
        }
        if (!visibilityGiven) {
            query.visibility("public");
        }
        try (var images = client.list(query)) {
            return images.toList();
        }
    }
}
