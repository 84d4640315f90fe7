package io.glance.server.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glance.ports.out.RemoteImages;
import io.glance.ports.out.WebDownloads;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@link RemoteImages} over HTTP: the other region's Images API v2 read with the caller's token, through the same
 * filtered fetch as web-download (so the endpoint must pass {@code import_filtering_opts}, as in Glance), the token
 * sent to that endpoint's host only.
 */
public final class GlanceImageReader implements RemoteImages {
    /** An image record is a few KiB; more is not an image record. */
    private static final int MAX_RECORD_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FilteredWebDownloads downloads;

    public GlanceImageReader(FilteredWebDownloads downloads) {
        this.downloads = requireNonNull(downloads, "downloads is null");
    }

    @Override
    public RemoteImage show(URI endpoint, String authToken, String imageId) throws IOException {
        URI uri = URI.create(endpoint + "/v2/images/" + imageId);
        JsonNode record;
        WebDownloads.Body body = open(uri, authToken, imageId);
        try (InputStream in = body.data()) {
            byte[] bytes = in.readNBytes(MAX_RECORD_BYTES + 1);
            if (bytes.length > MAX_RECORD_BYTES) {
                throw new IOException(uri + " answered more than " + MAX_RECORD_BYTES + " bytes; not an image record");
            }
            record = JSON.readTree(bytes);
        }
        if (record == null || !record.isObject()) {
            throw new IOException(uri + " did not answer an image record");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        record.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual()) {
                attributes.put(field.getKey(), field.getValue().textValue());
            }
        });
        JsonNode size = record.get("size");
        return new RemoteImage(text(record, "status"), text(record, "disk_format"), text(record, "container_format"),
                size != null && size.canConvertToLong() && size.isNumber() ? size.longValue() : null, attributes);
    }

    @Override
    public WebDownloads.Body data(URI endpoint, String authToken, String imageId) throws IOException {
        return open(URI.create(endpoint + "/v2/images/" + imageId + "/file"), authToken, imageId);
    }

    private WebDownloads.Body open(URI uri, String authToken, String imageId) throws IOException {
        try {
            return downloads.open(uri, Map.of("X-Auth-Token", authToken));
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.endsWith(" answered 404")) {
                throw new IOException("Remote image " + imageId + " was not found at " + uri + " (404)", e);
            }
            throw e;
        }
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
