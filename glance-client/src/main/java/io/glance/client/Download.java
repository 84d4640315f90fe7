package io.glance.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * GET /v2/images/{id}/file streamed into an OutputStream through a digest: {@code os_hash_value} with
 * {@code os_hash_algo}, else the md5 {@code checksum}, else the {@code Content-MD5} header (glanceclient's order).
 */
final class Download {
    private static final int BUFFER = 256 * 1024;

    private Download() {
    }

    static DownloadResult run(Transport transport, Image image, String path, OutputStream out,
            ProgressListener progress) {
        String algorithm = "";
        String expected = "";
        if (image.osHashAlgo().isPresent() && image.osHashValue().isPresent()) {
            algorithm = image.osHashAlgo().get();
            expected = image.osHashValue().get();
        } else if (image.checksum().isPresent()) {
            algorithm = "md5";
            expected = image.checksum().get();
        }
        HttpResponse<InputStream> response = transport.send(transport.request(path).GET().build(),
                BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 204) {
                throw new ImageHasNoDataException(image.id());
            }
            if (status >= 300) {
                Transport.check("GET", path, status, Transport.contentType(response),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            if (algorithm.isEmpty()) {
                Optional<String> contentMd5 = response.headers().firstValue("Content-MD5");
                if (contentMd5.isPresent()) {
                    algorithm = "md5";
                    expected = contentMd5.get();
                }
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(image.size().orElse(-1L));
            MessageDigest digest = algorithm.isEmpty() ? null : HashAlgorithms.digest(algorithm);
            long count = copy(body, out, digest, total, progress);
            if (digest == null) {
                return new DownloadResult(image.id(), count, "", "");
            }
            String actual = HashAlgorithms.hex(digest.digest());
            String wanted = expected.strip().toLowerCase(Locale.ROOT);
            if (!actual.equals(wanted)) {
                throw new ChecksumMismatchException(image.id(), algorithm, wanted, actual);
            }
            return new DownloadResult(image.id(), count, algorithm, actual);
        } catch (IOException e) {
            throw new GlanceConnectionException("download of image " + image.id() + " from "
                    + transport.endpoint() + " broke off: " + e.getMessage(), e);
        }
    }

    private static long copy(InputStream in, OutputStream out, MessageDigest digest, long total,
            ProgressListener progress) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long count = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (digest != null) {
                digest.update(buffer, 0, n);
            }
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the downloaded data", e);
            }
            count += n;
            progress.progress(count, total);
        }
        return count;
    }
}
