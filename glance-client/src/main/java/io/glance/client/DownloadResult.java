package io.glance.client;

import static java.util.Objects.requireNonNull;

/** What a download wrote and how it was verified: {@code algorithm} is {@code sha512}, {@code md5} or none. */
public record DownloadResult(String imageId, long bytes, String algorithm, String digest) {
    public DownloadResult {
        requireNonNull(imageId, "imageId is null");
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(digest, "digest is null");
    }

    public boolean verified() {
        return !algorithm.isEmpty();
    }
}
