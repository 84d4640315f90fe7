package io.glance.application;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.ports.in.ImageUploadV1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;

import static io.glance.application.Services.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** API v1's upload rules: no formats needed, an expected md5, and killed (with nothing stored) on failure. */
class UploadV1Test {
    private final Services fixture = new Services();
    private final ImageUploadV1 uploads = fixture.services.uploadV1();

    @AfterEach
    void close() {
        fixture.close();
    }

    private ImageId imageWithoutFormats() {
        return fixture.services.catalog().create(ALICE, Services.command("v1")).id();
    }

    @Test
    void acceptsDataForAnImageWithoutFormatsAndAMatchingChecksum() {
        byte[] data = TestData.bytes(5120);
        ImageId id = imageWithoutFormats();

        Image active = uploads.upload(ALICE, id, new ByteArrayInputStream(data), data.length, null,
                TestData.hex("MD5", data).toUpperCase());

        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.checksums().md5()).isEqualTo(TestData.hex("MD5", data));
        assertThat(fixture.store.objectCount()).isOne();
    }

    @Test
    void checksumMismatchNamesBothChecksumsKillsTheImageAndRemovesTheData() {
        byte[] data = TestData.bytes(1000);
        String actual = TestData.hex("MD5", data);
        String supplied = "a" + actual.substring(1).replace('a', 'b');
        ImageId id = imageWithoutFormats();

        assertThatThrownBy(() -> uploads.upload(ALICE, id, new ByteArrayInputStream(data), -1, null, supplied))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(supplied).hasMessageContaining(actual);

        Image killed = fixture.stored(id);
        assertThat(killed.status()).isEqualTo(ImageStatus.KILLED);
        assertThat(killed.size()).isNull();
        assertThat(killed.locations()).isEmpty();
        assertThat(fixture.store.objectCount()).isZero();
    }

    @Test
    void storeFailureKillsTheImage() {
        ImageId id = imageWithoutFormats();
        fixture.store.failNextPut(new IllegalStateException("disk on fire"));

        assertThatThrownBy(() -> uploads.upload(ALICE, id, new ByteArrayInputStream(new byte[10]), 10, null, null))
                .hasMessageContaining("disk on fire");

        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.KILLED);
    }

    @Test
    void killMovesAQueuedImageToKilledAndLeavesAnActiveOneAlone() {
        ImageId queued = imageWithoutFormats();
        ImageId active = imageWithoutFormats();
        uploads.upload(ALICE, active, new ByteArrayInputStream(new byte[3]), 3, null, null);

        uploads.kill(ALICE, queued);
        uploads.kill(ALICE, active);

        assertThat(fixture.stored(queued).status()).isEqualTo(ImageStatus.KILLED);
        assertThat(fixture.stored(active).status()).isEqualTo(ImageStatus.ACTIVE);
    }
}
