package io.glance.client;

/**
 * What a resumable upload did: the image (active, its {@code os_hash_value} checked against the file), how often it
 * resumed, and the request body bytes it sent in all (equal to {@code size} when nothing broke).
 */
public record ResumableUploadResult(String imageId, long size, int resumes, long bytesSent, String algorithm,
        String digest) {
}
