package io.glance.client;

import java.util.function.Supplier;

/**
 * What a v2 download checks: {@code os_hash_value} with {@code os_hash_algo}, else the md5 {@code checksum}, else the
 * answer's {@code Content-MD5}, as glanceclient does. The image's record that holds them is fetched on a thread of its
 * own while the data request goes out, and the bytes are hashed from the first one with {@link #GUESS}, Glance's
 * default {@code hashing_algorithm}, unless the record is there already: neither the connection nor the hashing
 * waits for the record (a cold JVM's first JSON request and its parse). A record that names another algorithm costs
 * a second pass over the data ({@link Download}); a record that failed (no such image) is the failure thrown.
 */
final class RecordCheck implements Download.Check {
    static final String GUESS = "sha512";

    private final Prefetch<Image> record;

    private RecordCheck(Prefetch<Image> record) {
        this.record = record;
    }

    static RecordCheck start(Supplier<Image> record) {
        return new RecordCheck(Prefetch.start("glance-client-record", record));
    }

    /** The record's size, for an answer without Content-Length; waits for the record. */
    long knownSize() {
        return record.join().size().orElse(-1L);
    }

    @Override
    public void failFirst() {
        record.join();
    }

    @Override
    public String algorithm(DataResponse response) {
        return record.isDone() ? expected(response).algorithm() : GUESS;
    }

    @Override
    public Download.Expected expected(DataResponse response) {
        Image image = record.join();
        if (image.osHashAlgo().isPresent() && image.osHashValue().isPresent()) {
            return new Download.Expected(image.osHashAlgo().get(), image.osHashValue().get());
        }
        if (image.checksum().isPresent()) {
            return new Download.Expected("md5", image.checksum().get());
        }
        return response.header("Content-MD5").map(md5 -> new Download.Expected("md5", md5))
                .orElse(Download.Expected.NONE);
    }
}
