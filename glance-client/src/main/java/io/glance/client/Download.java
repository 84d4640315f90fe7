package io.glance.client;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * An image's data streamed into an OutputStream through a digest, so that the client never hands on bytes it could
 * not verify without saying so. Each API version says where the expected digest comes from.
 */
final class Download {
    private Download() {
    }

    /** The digest a download must match: {@code md5}, {@code sha512}, ...; none when the server gave nothing to check. */
    record Expected(String algorithm, String value) {
        static final Expected NONE = new Expected("", "");
    }

    /** Where a download learns which digest to check: asked twice, for the algorithm before the bytes, for the value after. */
    interface Check {
        /** Throws the failure that explains a failed data request better than its own (v2: the record's), if any. */
        void failFirst();

        /** The algorithm to hash with from the first byte, "" for none; must not wait for anything. */
        String algorithm(DataResponse response);

        /** The digest the bytes must match, once they are through (may wait for it). */
        Expected expected(DataResponse response);
    }

    /** API v2: the image's record, fetched beside the data (see {@link RecordCheck}). */
    static DownloadResult run(Transport transport, String imageId, Supplier<Image> record, String path,
            OutputStream out, ProgressListener progress) {
        RecordCheck check = RecordCheck.start(record);
        return run(transport, imageId, path, out, progress, check::knownSize, check);
    }

    /**
     * Streams {@code path} into {@code out} through the digest {@code check} names, and fails with
     * {@link ChecksumMismatchException} when the bytes do not match the one it expects at the end. When that is
     * another algorithm than the one hashed (a guess that was wrong), the data is asked for once more and hashed
     * with it, not written. {@code knownSize} (-1: unknown) only when the answer has no Content-Length.
     */
    static DownloadResult run(Transport transport, String imageId, String path, OutputStream out,
            ProgressListener progress, LongSupplier knownSize, Check check) {
        DataResponse response;
        try {
            response = transport.data("GET", path, Map.of(), null);
        } catch (RuntimeException e) {
            try {
                check.failFirst();
            } catch (RuntimeException first) {
                first.addSuppressed(e);
                throw first;
            }
            throw e;
        }
        boolean complete = false;
        try (ReadAhead body = new ReadAhead(response.body())) {
            int status = response.status();
            if (status == 204 || status >= 300) {
                check.failFirst();
            }
            if (status == 204) {
                throw new ImageHasNoDataException(imageId);
            }
            response.check("GET", path);
            long total = response.header("Content-Length").map(Long::parseLong).orElseGet(knownSize::getAsLong);
            String algorithm = check.algorithm(response);
            MessageDigest digest = algorithm.isEmpty() ? null : HashAlgorithms.digest(algorithm);
            long count = copy(body, out, digest, total, progress);
            complete = true;
            Expected wanted = check.expected(response);
            if (wanted.algorithm().isEmpty()) {
                return new DownloadResult(imageId, count, "", "");
            }
            if (!wanted.algorithm().equalsIgnoreCase(algorithm)) {
                digest = hashAgain(transport, path, wanted.algorithm());
            }
            String actual = HashAlgorithms.hex(digest.digest());
            String wantedHex = wanted.value().strip().toLowerCase(Locale.ROOT);
            if (!actual.equals(wantedHex)) {
                throw new ChecksumMismatchException(imageId, wanted.algorithm(), wantedHex, actual);
            }
            return new DownloadResult(imageId, count, wanted.algorithm(), actual);
        } catch (IOException e) {
            throw new GlanceConnectionException("download of image " + imageId + " from "
                    + transport.endpoint() + " broke off: " + e.getMessage(), e);
        } finally {
            if (!complete) {
                response.abort();
            }
        }
    }

    /** The data once more, only hashed with {@code algorithm}: the one the record named was not the one guessed. */
    private static MessageDigest hashAgain(Transport transport, String path, String algorithm) throws IOException {
        MessageDigest digest = HashAlgorithms.digest(algorithm);
        try (DataResponse again = transport.data("GET", path, Map.of(), null)) {
            again.check("GET", path);
            byte[] block = new byte[ReadAhead.BLOCK];
            for (int n = again.body().read(block); n >= 0; n = again.body().read(block)) {
                digest.update(block, 0, n);
            }
        }
        return digest;
    }

    /**
     * Hashes each block the reader filled, where it filled it (no copy), while {@link OverlappedWriter} writes the same
     * block into {@code out}; the block goes back to the reader once both are done.
     */
    private static long copy(ReadAhead in, OutputStream out, MessageDigest digest, long total,
            ProgressListener progress) throws IOException {
        long count = 0;
        try (OverlappedWriter writer = new OverlappedWriter(out)) {
            ReadAhead.Block block;
            while ((block = in.nextBlock()) != null) {
                int n = block.length();
                writer.start(block.data(), n);
                if (digest != null) {
                    digest.update(block.data(), 0, n);
                }
                writer.finish();
                count += n;
                progress.progress(count, total);
            }
        }
        return count;
    }
}
