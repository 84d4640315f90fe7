package io.glance.adapters.db;

import io.glance.domain.Image;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageStatus;
import io.glance.ports.out.StorageUsage;
import io.glance.testing.repository.RepositoryFixture;
import io.glance.testing.repository.TestImages;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.glance.testing.repository.TestImages.T0;
import static io.glance.testing.repository.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code user_storage_quota}'s usage: size times locations over an owner's live images with data. */
interface StorageUsageContract extends RepositoryFixture {

    StorageUsage storageUsage();

    @Test
    default void sumsSizeTimesLocationsOverTheOwnersLiveImages() {
        store(withData(image(1), 1000, 1));
        store(withData(image(2), 300, 2));
        store(withData(image(3).owner("bob"), 5000, 1));
        store(withData(image(4), 7000, 1).status(ImageStatus.KILLED));
        store(image(5));
        Image deleted = store(withData(image(6), 9000, 1));
        repository().update(deleted.markDeleted(T0.plusSeconds(3600)), ImageStatus.ACTIVE);
        store(withData(image(7).owner(null), 11, 1));

        assertThat(storageUsage().bytesUsed("alice", null)).isEqualTo(1000 + 2 * 300);
        assertThat(storageUsage().bytesUsed("alice", TestImages.id(2))).isEqualTo(1000);
        assertThat(storageUsage().bytesUsed("bob", null)).isEqualTo(5000);
        assertThat(storageUsage().bytesUsed(null, null)).as("images without owner").isEqualTo(11);
        assertThat(storageUsage().bytesUsed("carol", null)).isZero();
    }

    private static Image.Builder withData(Image.Builder image, long size, int locations) {
        List<ImageLocation> copies = new java.util.ArrayList<>();
        for (int i = 0; i < locations; i++) {
            copies.add(new ImageLocation("file:///images/" + size + "-" + i, Map.of()));
        }
        return image.status(ImageStatus.ACTIVE).size(size).locations(copies);
    }
}
