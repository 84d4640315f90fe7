package io.glance.application;

import io.glance.domain.ForbiddenException;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RangeNotSatisfiableException;
import io.glance.domain.Visibility;
import io.glance.ports.in.ImageDownload;
import io.glance.ports.in.RangeRequest;
import io.glance.store.spi.StoreCapability;
import io.glance.testing.InMemoryStoreDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import static io.glance.application.Services.ADMIN;
import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DownloadTest {
    private final Services fixture = new Services();
    private final byte[] data = TestData.bytes(1000);

    @AfterEach
    void close() {
        fixture.close();
    }

    private ImageId activeImage(Services services, String owner, Visibility visibility) {
        ImageId id = services.queuedImage(owner, visibility).id();
        services.services.data().upload(ADMIN, id, new ByteArrayInputStream(data), -1, null);
        return id;
    }

    private static byte[] readAll(ImageDownload download) throws IOException {
        try (InputStream in = download.data()) {
            return in.readAllBytes();
        }
    }

    @Test
    void wholeDataWithItsLengths() throws IOException {
        ImageId id = activeImage(fixture, "alice", Visibility.SHARED);

        ImageDownload download = fixture.services.data().download(ALICE, id, null).orElseThrow();

        assertThat(readAll(download)).isEqualTo(data);
        assertThat(download.offset()).isZero();
        assertThat(download.length()).isEqualTo(1000);
        assertThat(download.total()).isEqualTo(1000);
        assertThat(download.ranged()).isFalse();
        assertThat(download.image().checksums().md5()).isEqualTo(TestData.hex("MD5", data));
    }

    @Test
    void rangesOfEveryForm() throws IOException {
        ImageId id = activeImage(fixture, "alice", Visibility.SHARED);

        assertRange(id, new RangeRequest(10, 19), 10, 10);
        assertRange(id, new RangeRequest(990, -1), 990, 10);
        assertRange(id, new RangeRequest(-1, 5), 995, 5);
        assertRange(id, new RangeRequest(500, 5000), 500, 500);
    }

    private void assertRange(ImageId id, RangeRequest range, int offset, int length) throws IOException {
        ImageDownload download = fixture.services.data().download(ALICE, id, range).orElseThrow();

        assertThat(download.ranged()).isTrue();
        assertThat(download.offset()).isEqualTo(offset);
        assertThat(download.length()).isEqualTo(length);
        assertThat(download.total()).isEqualTo(1000);
        assertThat(readAll(download)).isEqualTo(Arrays.copyOfRange(data, offset, offset + length));
    }

    @Test
    void aRangePastTheEndIsNotSatisfiable() {
        ImageId id = activeImage(fixture, "alice", Visibility.SHARED);

        assertThatThrownBy(() -> fixture.services.data().download(ALICE, id, new RangeRequest(1000, -1)))
                .isInstanceOf(RangeNotSatisfiableException.class);
    }

    @Test
    void aStoreWithoutRangedReadsRefusesRangesNamingItself() throws IOException {
        InMemoryStoreDriver web = new InMemoryStoreDriver("web", Set.of(StoreCapability.READ, StoreCapability.WRITE));
        try (Services plain = new Services(UploadLimits.defaults(), web)) {
            ImageId id = activeImage(plain, "alice", Visibility.SHARED);

            assertThatThrownBy(() -> plain.services.data().download(ALICE, id, new RangeRequest(0, 9)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("web")
                    .hasMessageContaining("ranged reads");
            assertThat(readAll(plain.services.data().download(ALICE, id, null).orElseThrow())).isEqualTo(data);
        }
    }

    @Test
    void noDataYetIsEmpty() {
        ImageId id = fixture.queuedImage(ALICE).id();

        assertThat(fixture.services.data().download(ALICE, id, null)).isEmpty();
        assertThat(fixture.services.data().download(ALICE, id, new RangeRequest(0, 1))).isEmpty();
    }

    @Test
    void dataMissingFromTheStoreIsEmpty() {
        ImageId id = activeImage(fixture, "alice", Visibility.SHARED);
        fixture.store.delete(URI.create(fixture.stored(id).locations().get(0).url()));

        assertThat(fixture.services.data().download(ALICE, id, null)).isEqualTo(Optional.empty());
    }

    @Test
    void invisibleImagesAreNotFound() {
        ImageId id = activeImage(fixture, "alice", Visibility.PRIVATE);

        assertThatThrownBy(() -> fixture.services.data().download(BOB, id, null))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void deactivatedImagesAreForbiddenExceptToAdmins() throws IOException {
        ImageId id = activeImage(fixture, "alice", Visibility.PUBLIC);
        fixture.services.activation().deactivate(ALICE, id);

        assertThatThrownBy(() -> fixture.services.data().download(ALICE, id, null))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("deactivated");
        assertThatThrownBy(() -> fixture.services.data().download(BOB, id, null))
                .isInstanceOf(ForbiddenException.class);
        assertThat(readAll(fixture.services.data().download(ADMIN, id, null).orElseThrow())).isEqualTo(data);
    }
}
