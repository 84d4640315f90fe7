package io.glance.store.s3;

import io.glance.store.spi.StoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Streams an upload as S3 multipart parts. Of a known size, each part's body is read straight from the host's stream
 * while it is sent ({@link #runStreaming}): no part buffer, and reading the client (with the host's hashing) overlaps
 * sending to S3 instead of alternating with it. Of an unknown size, with one part buffer ({@link #run}): fill it, send
 * it, refill it; an upload whose data ends inside the first buffer (an unknown size that turned out small) is sent as
 * a single PUT instead. Whatever fails after the multipart upload was created aborts it, so no parts are left behind
 * (S3 keeps no part whose request was cut).
 */
final class MultipartUpload {

    /** Sends a whole small object that is already in memory. */
    @FunctionalInterface
    interface SinglePut {
        void put(S3Location location, byte[] buffer, int length);
    }

    private final String storeId;
    private final S3Client s3;
    private final S3Location location;
    private final int partSize;
    private final SinglePut singlePut;

    MultipartUpload(String storeId, S3Client s3, S3Location location, int partSize, SinglePut singlePut) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.s3 = requireNonNull(s3, "s3 is null");
        this.location = requireNonNull(location, "location is null");
        this.partSize = partSize;
        this.singlePut = requireNonNull(singlePut, "singlePut is null");
    }

    /** Uploads everything {@code source} delivers and returns the number of bytes. */
    long run(UploadSource source) {
        byte[] buffer = new byte[partSize];
        int filled = source.fill(buffer);
        if (filled < partSize) {
            singlePut.put(location, buffer, filled);
            return filled;
        }
        String uploadId = create();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            while (filled > 0) {
                parts.add(uploadPart(uploadId, parts.size() + 1, buffer, filled));
                if (filled < partSize) {
                    break;
                }
                filled = source.fill(buffer);
            }
            complete(uploadId, parts);
            return source.count();
        } catch (RuntimeException e) {
            abort(uploadId, e);
            throw source.failure() != null ? source.failure() : e;
        }
    }

    /**
     * Uploads exactly {@code size} bytes (the declared size, which the host's stream holds the data to) as parts of
     * {@code partSize} (the last one shorter), each streamed from {@code source}; returns {@code size}.
     */
    long runStreaming(UploadSource source, long size) {
        String uploadId = create();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long sent = 0;
            while (sent < size) {
                long length = Math.min(partSize, size - sent);
                parts.add(uploadPart(uploadId, parts.size() + 1, source.streamedBody(length, location.key()), length));
                sent += length;
            }
            source.readToEnd();
            complete(uploadId, parts);
            return size;
        } catch (RuntimeException e) {
            abort(uploadId, e);
            throw source.failure() != null ? source.failure() : e;
        }
    }

    private String create() {
        try {
            return s3.createMultipartUpload(request -> request.bucket(location.bucket()).key(location.key()))
                    .uploadId();
        } catch (SdkException e) {
            throw map("start multipart upload of", e);
        }
    }

    private CompletedPart uploadPart(String uploadId, int number, byte[] buffer, int length) {
        return uploadPart(uploadId, number, RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(buffer, 0, length), length, "application/octet-stream"), length);
    }

    private CompletedPart uploadPart(String uploadId, int number, RequestBody body, long length) {
        try {
            String eTag = s3.uploadPart(request -> request.bucket(location.bucket()).key(location.key())
                            .uploadId(uploadId).partNumber(number).contentLength(length), body).eTag();
            return CompletedPart.builder().partNumber(number).eTag(eTag).build();
        } catch (SdkException e) {
            throw map("upload part " + number + " of", e);
        }
    }

    private void complete(String uploadId, List<CompletedPart> parts) {
        try {
            s3.completeMultipartUpload(request -> request.bucket(location.bucket()).key(location.key())
                    .uploadId(uploadId).multipartUpload(upload -> upload.parts(parts)));
        } catch (SdkException e) {
            throw map("complete multipart upload (" + parts.size() + " parts) of", e);
        }
    }

    private void abort(String uploadId, RuntimeException failure) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(location.bucket()).key(location.key())
                    .uploadId(uploadId));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private StoreException map(String what, SdkException e) {
        return S3Errors.map(storeId, what + " " + location.toUri(), e);
    }
}
