package io.glance.http.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copying image data from a store to a response, in both API versions. */
public final class DataStreams {
    /** Large copies keep the per-write overhead of the socket path negligible for images of many GiB. */
    private static final int DOWNLOAD_BUFFER_BYTES = 1024 * 1024;

    private DataStreams() {
    }

    public static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[DOWNLOAD_BUFFER_BYTES];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
        }
    }
}
