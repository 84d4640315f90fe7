package io.glance.store.swift;

import io.glance.store.spi.StoreUnavailableException;
import org.jclouds.openstack.swift.v1.domain.Segment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Writes one image as a Static Large Object: segments of {@code swift_store_large_object_chunk_size} streamed one
 * after the other straight from the host's stream (nothing is buffered, so memory stays small whatever the image
 * size, and the length need not be known), then the manifest, created with {@code If-None-Match: *}.
 *
 * <p>Segments go to {@code <container>_segments} as {@code <image id>/<upload id>/<00001>}: the upload id keeps two
 * concurrent uploads of one image from overwriting each other's segments. When anything fails, the segments written
 * so far are deleted, so a failed upload leaves nothing behind.
 */
final class LargeObjectUpload {

    /** Swift's default max_manifest_segments. */
    static final int MAX_SEGMENTS = 1000;

    private final String storeId;
    private final SwiftStoreConfig config;
    private final SwiftClient client;
    private final SwiftUploader uploader;
    private final String imageId;
    private final UploadSource source;
    private final long expectedSize;
    private final List<String> written = new ArrayList<>();

    LargeObjectUpload(String storeId, SwiftStoreConfig config, SwiftClient client, SwiftUploader uploader,
                      String imageId, UploadSource source, long expectedSize) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
        this.uploader = requireNonNull(uploader, "uploader is null");
        this.imageId = requireNonNull(imageId, "imageId is null");
        this.source = requireNonNull(source, "source is null");
        this.expectedSize = expectedSize;
    }

    /**
     * Uploads the segments and the manifest; returns the image size. Segment n+1 starts as soon as segment n's body
     * was read to its end, while Swift still writes and syncs segment n (for a 200 MiB segment on one disk, a good
     * part of a second without that overlap); so at most two PUTs are open, and only one of them is reading data.
     */
    long run() throws IOException {
        String uploadId = UUID.randomUUID().toString();
        List<Unanswered> unanswered = new ArrayList<>();
        try {
            List<Segment> segments = new ArrayList<>();
            while (source.hasMore()) {
                if (segments.size() + unanswered.size() == MAX_SEGMENTS) {
                    throw new StoreUnavailableException("swift store '" + storeId + "': image " + imageId
                            + " needs more than " + MAX_SEGMENTS + " segments of " + config.chunkSize()
                            + " bytes; raise " + SwiftStoreConfig.CHUNK_SIZE);
                }
                String name = imageId + "/" + uploadId + "/"
                        + String.format("%05d", segments.size() + unanswered.size() + 1);
                long before = source.count();
                long length = expectedSize >= 0 ? Math.min(config.chunkSize(), expectedSize - before) : -1;
                written.add(name); // before the PUT: a PUT whose answer was lost may still have been stored
                UploadSource.Body body = source.next(config.chunkSize());
                SwiftUploader.Pending put = uploader.start(config.segmentContainer(), name, body, length, false,
                        source);
                unanswered.add(new Unanswered(put, name));
                uploader.awaitBodySent(put, body.sent());
                unanswered.get(unanswered.size() - 1).size = source.count() - before;
                while (unanswered.size() > 1) {
                    segments.add(answer(unanswered.remove(0)));
                }
            }
            while (!unanswered.isEmpty()) {
                segments.add(answer(unanswered.remove(0)));
            }
            writeManifest(segments);
            return source.count();
        } catch (IOException | RuntimeException | Error e) {
            settle(unanswered);
            removeSegments(e);
            throw e;
        }
    }

    private Segment answer(Unanswered segment) {
        String etag = uploader.finish(segment.put);
        return Segment.builder().path(config.segmentContainer() + "/" + segment.name).etag(etag)
                .sizeBytes(segment.size).build();
    }

    /**
     * After a failure, lets the PUTs still open end (a segment whose body was sent may yet be stored; deleting it
     * before Swift commits it would leave it behind), so that removing the written segments finds them.
     */
    private void settle(List<Unanswered> unanswered) {
        for (Unanswered segment : unanswered) {
            try {
                uploader.finish(segment.put);
            } catch (RuntimeException ignored) {
                // the failure that ended the upload is the one reported
            }
        }
    }

    /** A segment whose PUT is open: its size is known once its body was read to its end. */
    private static final class Unanswered {
        private final SwiftUploader.Pending put;
        private final String name;
        private long size;

        Unanswered(SwiftUploader.Pending put, String name) {
            this.put = put;
            this.name = name;
        }
    }

    private void writeManifest(List<Segment> segments) {
        String what = "writing manifest " + config.container() + "/" + imageId;
        try {
            client.largeObjects(config.container()).replaceManifest(imageId, segments, Map.of(),
                    Map.of("If-None-Match", "*"));
        } catch (RuntimeException e) {
            throw SwiftFailures.fromJclouds(storeId, what, e);
        }
    }

    private void removeSegments(Throwable failure) {
        for (String name : written) {
            try {
                client.objects(config.segmentContainer()).delete(name);
            } catch (RuntimeException e) {
                failure.addSuppressed(new StoreUnavailableException("swift store '" + storeId
                        + "': could not remove segment " + config.segmentContainer() + "/" + name
                        + " of a failed upload", e));
            }
        }
    }
}
