package io.glance.application;

import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;

import java.util.Locale;

/**
 * What differs between an API v2 and an API v1 upload in {@link ImageUpload}.
 *
 * @param requireFormats  whether the image needs both formats before data is accepted (v2 yes, v1 no)
 * @param expectedMd5     the md5 the client expects (v1 {@code x-image-meta-checksum}), lower-case hex, or {@code null}
 * @param killOnFailure   whether a failed upload leaves the image {@code killed} (v1) instead of {@code queued} (v2)
 */
record UploadRules(boolean requireFormats, String expectedMd5, boolean killOnFailure) {

    UploadRules {
        expectedMd5 = expectedMd5 == null ? null : expectedMd5.toLowerCase(Locale.ROOT);
    }

    static UploadRules v2() {
        return new UploadRules(true, null, false);
    }

    static UploadRules v1(String expectedMd5) {
        return new UploadRules(false, expectedMd5, true);
    }

    /** Glance v1's message, naming both checksums; thrown before the image is activated so nothing is kept. */
    void checkMd5(ImageId id, String actualMd5) {
        if (expectedMd5 != null && !expectedMd5.equals(actualMd5)) {
            throw new InvalidInputException("Supplied checksum (" + expectedMd5 + ") and checksum generated from"
                    + " uploaded image (" + actualMd5 + ") did not match. Setting image status to 'killed'."
                    + " (image " + id + ")");
        }
    }
}
