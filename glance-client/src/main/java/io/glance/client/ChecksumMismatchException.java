package io.glance.client;

import static java.util.Objects.requireNonNull;

/** The downloaded bytes do not hash to the value the server published for the image; found by the client. */
public final class ChecksumMismatchException extends GlanceClientException {
    private final String algorithm;
    private final String expected;
    private final String actual;

    public ChecksumMismatchException(String imageId, String algorithm, String expected, String actual) {
        super(0, "", "Corrupt image download: " + requireNonNull(algorithm, "algorithm is null") + " of image "
                + imageId + " is " + actual + ", expected " + expected);
        this.algorithm = algorithm;
        this.expected = requireNonNull(expected, "expected is null");
        this.actual = requireNonNull(actual, "actual is null");
    }

    /** The hash algorithm, as the server names it: {@code sha512}, {@code md5}. */
    public String algorithm() {
        return algorithm;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
