package io.glance.ports.out;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.ReadableByteChannel;

/**
 * Fetches web-download's URI under the operator's {@code import_filtering_opts}: the URI is checked before anything
 * is sent, the address it resolves to is checked before connecting, and so is every redirect.
 */
public interface WebDownloads {

    /**
     * The check POST /import makes before it creates a task (no network).
     *
     * @throws io.glance.domain.InvalidInputException "URI for web-download does not pass filtering: &lt;uri&gt;"
     */
    void check(URI uri);

    /**
     * Opens the body of {@code uri}.
     *
     * @throws io.glance.domain.InvalidInputException when the URI, an address it resolves to or a redirect is refused
     * @throws IOException                            when the server cannot be reached or answers other than 2xx
     */
    Body open(URI uri) throws IOException;

    /**
     * @param data          the body; the caller closes it
     * @param contentLength the announced length, or {@code -1}
     * @param channel       the same body as a channel, or {@code null}: read instead of {@code data} (never both),
     *                      it fills a caller's direct buffer straight from the socket, where {@code data} copies every
     *                      byte once more into a heap array; closing either closes the body
     */
    record Body(InputStream data, long contentLength, ReadableByteChannel channel) {
        /** A body that is only a stream. */
        public Body(InputStream data, long contentLength) {
            this(data, contentLength, null);
        }
    }
}
