package io.glance.application;

import io.glance.domain.ConflictException;
import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.store.spi.StoreCapability;
import io.glance.testing.InMemoryStoreDriver;
import io.glance.testing.images.QemuImg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Registering data by location: only in read-only stores, sized by the store, never half-applied. */
class LocationsTest {
    private final InMemoryStoreDriver web = new InMemoryStoreDriver("web",
            Set.of(StoreCapability.READ, StoreCapability.READ_RANGE));
    private final Services s = new Services(UploadLimits.defaults(), new InMemoryStoreDriver("memory"), web);
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void aQueuedImageBecomesActiveWithTheSizeTheStoreReports() {
        Image image = s.queuedImage(ALICE);
        String url = web.place("remote-1", new byte[1234]).location().toString();
        Image active = s.services.locations().addLocation(ALICE, image.id(), url, null);
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.size()).isEqualTo(1234L);
        assertThat(active.checksums()).isNull();
        assertThat(active.locations()).singleElement().satisfies(location -> {
            assertThat(location.url()).isEqualTo(url);
            assertThat(location.storeId()).isEqualTo("web");
        });
        assertThat(s.stored(image.id())).isEqualTo(active);
    }

    @Test
    void aDeclaredSizeMustMatchTheData() {
        Image image = s.queuedImage(ALICE);
        String url = web.place("remote-2", new byte[10]).location().toString();
        assertThatThrownBy(() -> s.services.locations().addLocation(ALICE, image.id(), url, 11L))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("11").hasMessageContaining("10");
        assertThat(s.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void locationsInWritableStoresOrWithRefusedSchemesOrCredentialsAreRefused() {
        Image image = s.queuedImage(ALICE);
        String inWritable = s.store.place("other-image", new byte[5]).location().toString();
        assertThatThrownBy(() -> s.services.locations().addLocation(ALICE, image.id(), inWritable, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(inWritable)
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> s.services.locations().addLocation(ALICE, image.id(), "file:///etc/passwd", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("file:///etc/passwd");
        assertThatThrownBy(() -> s.services.locations().addLocation(ALICE, image.id(),
                "memory://u:secret@web/x", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("credentials")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> s.services.locations().addLocation(ALICE, image.id(), "gopher://x/y", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("gopher://x/y");
        assertThat(s.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void dataAtTheLocationIsInspectedLikeAnUpload() throws Exception {
        Image image = s.queuedImage(ALICE);
        byte[] qcow2 = Files.readAllBytes(QemuImg.create(dir.resolve("disk.qcow2"), "qcow2", "1M"));
        String asRaw = web.place("remote-qcow2", qcow2).location().toString();
        assertThatThrownBy(() -> s.services.locations().addLocation(ALICE, image.id(), asRaw, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(asRaw)
                .hasMessageContaining("Image data is qcow2, but disk_format is raw");
        byte[] backed = Files.readAllBytes(QemuImg.create(dir.resolve("backed.qcow2"), "qcow2", "1M", "-b",
                "/etc/passwd", "-F", "raw"));
        String hostile = web.place("remote-backed", backed).location().toString();
        assertThatThrownBy(() -> s.services.locations().addLocation(ALICE, image.id(), hostile, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("backing file (/etc/passwd)");
        assertThat(s.stored(image.id()).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(s.stored(image.id()).locations()).isEmpty();
    }

    @Test
    void missingDataIsABadLocation() {
        Image image = s.queuedImage(ALICE);
        assertThatThrownBy(() -> s.services.locations().addLocation(ALICE, image.id(), "memory://web/absent", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("memory://web/absent");
    }

    @Test
    void onlyTheOwnerAddsAndOnlyToQueuedOrActiveImages() {
        Image image = s.queuedImage(ALICE);
        String url = web.place("remote-3", new byte[7]).location().toString();
        assertThatThrownBy(() -> s.services.locations().addLocation(BOB, image.id(), url, null))
                .isInstanceOf(NotFoundException.class);
        s.services.locations().addLocation(ALICE, image.id(), url, null);
        assertThatThrownBy(() -> s.services.locations().addLocation(ALICE, image.id(), url, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already");
        s.services.activation().deactivate(ALICE, image.id());
        String second = web.place("remote-4", new byte[7]).location().toString();
        assertThatThrownBy(() -> s.services.locations().addLocation(ALICE, image.id(), second, null))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aSecondLocationCanBeRemovedButNotTheLast() {
        Image image = s.queuedImage(ALICE);
        String first = web.place("remote-5", new byte[9]).location().toString();
        String second = web.place("remote-6", new byte[9]).location().toString();
        s.services.locations().addLocation(ALICE, image.id(), first, null);
        assertThat(s.services.locations().addLocation(ALICE, image.id(), second, null).locations()).hasSize(2);
        Image one = s.services.locations().removeLocation(ALICE, image.id(), 0);
        assertThat(one.locations()).singleElement().satisfies(l -> assertThat(l.url()).isEqualTo(second));
        assertThatThrownBy(() -> s.services.locations().removeLocation(ALICE, image.id(), 0))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.services.locations().removeLocation(ALICE, image.id(), 3))
                .isInstanceOf(InvalidInputException.class);
    }
}
