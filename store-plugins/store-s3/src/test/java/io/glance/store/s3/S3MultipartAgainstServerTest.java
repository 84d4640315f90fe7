package io.glance.store.s3;

import io.glance.store.spi.ByteRange;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;
import io.glance.store.tck.FailingInputStream;
import io.glance.store.tck.PatternInputStream;
import io.glance.store.tck.TestingStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Multipart paths the TCK's sizes do not reach, on the real server: a streamed upload that fails after some parts
 * were sent leaves no multipart upload behind, and the bucket is created on the first upload when configured so.
 */
class S3MultipartAgainstServerTest {
    private static final int MIB = 1024 * 1024;
    private S3Client admin;
    private StoreDriver driver;
    private String bucket;

    @BeforeEach
    void create(@TempDir Path tmp) {
        TestS3Server server = TestS3Server.fromSystemProperties();
        bucket = TestS3Server.newBucketName();
        var options = new java.util.HashMap<>(server.options(bucket, 5, 5));
        options.put(S3StoreConfig.CREATE_BUCKET, "true");
        admin = S3Clients.create(S3StoreConfig.parse("admin", options));
        driver = new S3StoreDriverFactory().create("obj", options, new TestingStoreContext(tmp));
    }

    @AfterEach
    void remove() {
        if (driver != null) {
            driver.close();
        }
        if (admin != null) {
            try (S3Client s3 = admin) {
                s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()
                        .forEach(o -> s3.deleteObject(r -> r.bucket(bucket).key(o.key())));
                s3.deleteBucket(r -> r.bucket(bucket));
            }
        }
    }

    @Test
    void failureAfterTwoPartsAbortsTheUpload() {
        IOException clientFailure = new IOException("client went away after 12 MiB");

        assertThatThrownBy(() -> driver.put("img-1",
                FailingInputStream.ioFailureAfter(12L * MIB, 1, clientFailure), -1))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(admin.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
        assertThat(admin.listObjectsV2(r -> r.bucket(bucket)).contents()).isEmpty();
    }

    /** Larger than a part, below the multipart threshold: one streamed PUT, without buffering the object. */
    @Test
    void knownSizeBelowTheThresholdStreamsOnePut(@TempDir Path tmp) throws IOException {
        TestS3Server server = TestS3Server.fromSystemProperties();
        long size = 7L * MIB + 1;
        var options = new java.util.HashMap<>(server.options(bucket, 20, 5));
        options.put(S3StoreConfig.CREATE_BUCKET, "true");
        try (StoreDriver streaming = new S3StoreDriverFactory().create("obj", options, new TestingStoreContext(tmp))) {
            StoredObject stored = streaming.put("img-3", new PatternInputStream(size, 3), size);

            try (InputStream stream = streaming.get(stored.location(), null).stream()) {
                assertThat(stream.readAllBytes()).isEqualTo(new PatternInputStream(size, 3).readAllBytes());
            }
        }
        assertThat(admin.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
    }

    /** Of a known size above the threshold, each part is streamed from the host's stream as S3 receives it. */
    @Test
    void knownSizeAboveTheThresholdStreamsParts() throws IOException {
        long size = 11L * MIB + 5;
        StoredObject stored = driver.put("img-4", new PatternInputStream(size, 4), size);

        assertThat(stored.size()).isEqualTo(size);
        try (InputStream stream = driver.get(stored.location(), null).stream()) {
            assertThat(stream.readAllBytes()).isEqualTo(new PatternInputStream(size, 4).readAllBytes());
        }
        assertThat(admin.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
    }

    /** The server checks the signature with the body's SHA-256 in it too (s3_store_payload_signing true). */
    @Test
    void signedPayloadIsAcceptedToo(@TempDir Path tmp) throws IOException {
        TestS3Server server = TestS3Server.fromSystemProperties();
        long size = 6L * MIB + 7;
        var options = new java.util.HashMap<>(server.options(bucket, 5, 5));
        options.put(S3StoreConfig.CREATE_BUCKET, "true");
        options.put(S3StoreConfig.PAYLOAD_SIGNING, "true");
        try (StoreDriver signed = new S3StoreDriverFactory().create("obj", options, new TestingStoreContext(tmp))) {
            StoredObject stored = signed.put("img-5", new PatternInputStream(size, 5), size);

            try (InputStream stream = signed.get(stored.location(), null).stream()) {
                assertThat(stream.readAllBytes()).isEqualTo(new PatternInputStream(size, 5).readAllBytes());
            }
        }
    }

    @Test
    void unknownSizeStreamsPartsAndReadsBackRanges() throws IOException {
        long size = 11L * MIB + 3;
        StoredObject stored = driver.put("img-2", new PatternInputStream(size, 2), -1);

        assertThat(stored.size()).isEqualTo(size);
        ObjectData tail = driver.get(stored.location(), new ByteRange(size - 10, 10));
        try (InputStream stream = tail.stream()) {
            byte[] expected = new PatternInputStream(size, 2).readAllBytes();
            assertThat(stream.readAllBytes()).isEqualTo(Arrays.copyOfRange(expected, (int) size - 10, (int) size));
        }
        assertThat(tail.objectSize()).isEqualTo(size);
    }
}
