package io.glance.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.glance.client.Image;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The original CLI's text output: the index table, the per-image block, the {@code key => value} lines. */
final class ImageFormat {
    static final String INDEX_HEADER = String.format("%-36s %-30s %-20s %-20s %-14s", "ID", "Name", "Disk Format",
            "Container Format", "Size");
    static final String INDEX_RULE = String.format("%-36s %-30s %-20s %-20s %-14s", "-".repeat(36), "-".repeat(30),
            "-".repeat(20), "-".repeat(20), "-".repeat(14));
    static final String DETAILS_RULE = "=".repeat(80);

    /** Made on the first --json print only: a mapper costs tens of ms of a cold start that prints a table. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    private ImageFormat() {
    }

    /** Cactus's index table; the ID column is 36 wide for v2's UUIDs (Cactus had 16 for integer ids). */
    static void index(PrintStream out, List<Image> images) {
        out.println(INDEX_HEADER);
        out.println(INDEX_RULE);
        for (Image image : images) {
            out.println(String.format("%-36s %-30s %-20s %-20s %14d", image.id(), image.name().orElse(""),
                    image.diskFormat().orElse(""), image.containerFormat().orElse(""), image.size().orElse(0L)));
        }
    }

    /** The block of {@code show} and {@code details}, with Diablo's Status/Minimum/Owner lines. */
    static void block(PrintStream out, Image image, URI endpoint) {
        out.println("URI: " + endpoint + "/v2/images/" + image.id());
        out.println("Id: " + image.id());
        out.println("Public: " + (image.isPublic() ? "Yes" : "No"));
        out.println("Protected: " + (image.isProtected() ? "Yes" : "No"));
        out.println("Name: " + image.name().orElse(""));
        out.println("Status: " + image.status());
        out.println("Size: " + image.size().orElse(0L));
        out.println("Disk format: " + image.diskFormat().orElse(""));
        out.println("Container format: " + image.containerFormat().orElse(""));
        out.println("Minimum Ram Required (MB): " + image.minRam());
        out.println("Minimum Disk Required (GB): " + image.minDisk());
        out.println("Owner: " + image.owner().orElse(""));
        if (image.checksum().isPresent()) {
            out.println("Checksum: " + image.checksum().get());
        }
        if (!image.tags().isEmpty()) {
            out.println("Tags: " + String.join(", ", image.tags()));
        }
        image.properties().forEach((key, value) -> out.println("Property '" + key + "': " + value));
    }

    /** Sorted {@code %30s => %s} lines, as {@code add -v} and {@code --dry-run} print metadata. */
    static void metadata(PrintStream out, Map<String, ?> metadata) {
        new TreeMap<>(metadata).forEach((key, value) -> out.println(String.format(" %30s => %s", key, value)));
    }

    static void json(PrintStream out, Object value) {
        try {
            out.println(Json.MAPPER.writeValueAsString(value instanceof Image image ? image.attributes() : value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + value + " as JSON", e);
        }
    }
}
