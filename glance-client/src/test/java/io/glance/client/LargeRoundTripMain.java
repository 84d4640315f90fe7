package io.glance.client;

import java.io.OutputStream;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Uploads {@code MiB} generated mebibytes (sized, from {@link GeneratedImageData}) and downloads them into a
 * discarding stream, with the client verifying sha512. Run in a small JVM ({@code -Xmx128m}) by
 * {@link LargeImageRoundTripTest}, or by hand: {@code java -Xmx128m -cp ... io.glance.client.LargeRoundTripMain
 * http://127.0.0.1:9292 2048}. Prints one {@code RESULT} line and exits 0 when the round trip verified.
 */
public final class LargeRoundTripMain {
    private LargeRoundTripMain() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        long size = Long.parseLong(args[1]) << 20;
        GlanceClient client = GlanceClient.create(endpoint);
        Image image = client.create(NewImage.named("large-round-trip").diskFormat("raw").containerFormat("bare"));
        try {
            MessageDigest sent = MessageDigest.getInstance("SHA-512");
            long start = System.nanoTime();
            try (DigestInputStream data = new DigestInputStream(new GeneratedImageData(size, 42), sent)) {
                client.upload(image.id(), data, size, ProgressListener.NONE);
            }
            double uploadSeconds = (System.nanoTime() - start) / 1e9;
            String sentHash = HexFormat.of().formatHex(sent.digest());
            Image active = client.show(image.id());
            if (!active.osHashValue().orElse("").equals(sentHash) || active.size().orElse(-1L) != size) {
                throw new AssertionError("server stored " + active.size() + " bytes hashing to "
                        + active.osHashValue() + ", sent " + size + " hashing to " + sentHash);
            }
            start = System.nanoTime();
            DownloadResult result = client.download(image.id(), OutputStream.nullOutputStream(),
                    ProgressListener.NONE);
            double downloadSeconds = (System.nanoTime() - start) / 1e9;
            if (result.bytes() != size || !result.digest().equals(sentHash)) {
                throw new AssertionError("download gave " + result);
            }
            long maxHeap = Runtime.getRuntime().maxMemory() >> 20;
            System.out.printf("RESULT size=%dMiB maxHeap=%dMiB upload=%.1fs (%.0f MiB/s) download=%.1fs (%.0f MiB/s)"
                    + " %s verified%n", size >> 20, maxHeap, uploadSeconds, (size >> 20) / uploadSeconds,
                    downloadSeconds, (size >> 20) / downloadSeconds, result.algorithm());
        } finally {
            client.delete(image.id());
        }
    }
}
