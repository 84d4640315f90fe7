package io.glance.ports.out;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * glance-download's view of another region's Glance: an image's record and its data, read with the caller's own
 * token from the endpoint the caller's catalog names, under the operator's {@code import_filtering_opts} (as
 * web-download: lists, resolved addresses, every redirect).
 */
public interface RemoteImages {

    /** For deployments without glance-download: every read fails. */
    RemoteImages NONE = new RemoteImages() {
        @Override
        public RemoteImage show(URI endpoint, String authToken, String imageId) throws IOException {
            throw new IOException("glance-download is not available");
        }

        @Override
        public WebDownloads.Body data(URI endpoint, String authToken, String imageId) throws IOException {
            throw new IOException("glance-download is not available");
        }
    };

    /**
     * {@code GET <endpoint>/v2/images/<imageId>}.
     *
     * @throws IOException when the remote cannot be reached or answers other than 200 (a 404 names the image)
     * @throws io.glance.domain.InvalidInputException when the endpoint does not pass the import filter
     */
    RemoteImage show(URI endpoint, String authToken, String imageId) throws IOException;

    /** {@code GET <endpoint>/v2/images/<imageId>/file}; the caller closes the body. */
    WebDownloads.Body data(URI endpoint, String authToken, String imageId) throws IOException;

    /**
     * What glance-download copies of a remote image.
     *
     * @param size       its size in bytes, or {@code null} when the record has none
     * @param attributes every field of the record whose value is a string (custom properties are top-level fields)
     */
    record RemoteImage(String status, String diskFormat, String containerFormat, Long size,
                       Map<String, String> attributes) {
        public RemoteImage {
            attributes = Map.copyOf(attributes);
        }
    }
}
