package io.glance.adapters.db;

import io.glance.domain.Image;
import io.glance.domain.ImageStatus;
import io.glance.ports.out.ImageTally;
import io.glance.ports.out.ImageTally.StatusCount;
import io.glance.testing.repository.RepositoryFixture;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.glance.testing.repository.TestImages.T0;
import static io.glance.testing.repository.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage query of Keystone's unified limits: an owner's live images counted, and their sizes summed, per status
 * and per "copying" (a non-empty {@code os_glance_importing_to_stores}), as Glance's image, uploading and staging
 * usages need them.
 */
interface ImageTallyContract extends RepositoryFixture {

    ImageTally imageTally();

    @Test
    default void countsAndSumsTheOwnersLiveImagesPerStatusAndCopying() {
        store(image(1).status(ImageStatus.ACTIVE).size(1000L));
        store(image(2).status(ImageStatus.ACTIVE).size(3000L)
                .properties(Map.of("os_glance_importing_to_stores", "fast,slow")));
        store(image(3).status(ImageStatus.ACTIVE).size(500L).properties(Map.of("os_glance_importing_to_stores", "")));
        store(image(4).status(ImageStatus.UPLOADING).size(700L));
        store(image(5).status(ImageStatus.IMPORTING).size(800L)
                .properties(Map.of("os_glance_importing_to_stores", "fast")));
        store(image(6));
        store(image(7).status(ImageStatus.KILLED));
        Image deleted = store(image(8).status(ImageStatus.ACTIVE).size(9000L));
        repository().update(deleted.markDeleted(T0.plusSeconds(3600)), ImageStatus.ACTIVE);
        store(image(9).owner("bob").status(ImageStatus.ACTIVE).size(5L));

        assertThat(imageTally().byStatus("alice")).containsExactlyInAnyOrder(
                new StatusCount(ImageStatus.ACTIVE, false, 2, 1500),
                new StatusCount(ImageStatus.ACTIVE, true, 1, 3000),
                new StatusCount(ImageStatus.UPLOADING, false, 1, 700),
                new StatusCount(ImageStatus.IMPORTING, true, 1, 800),
                new StatusCount(ImageStatus.QUEUED, false, 1, 0),
                new StatusCount(ImageStatus.KILLED, false, 1, 0));
        assertThat(imageTally().byStatus("bob")).containsExactly(new StatusCount(ImageStatus.ACTIVE, 1, 5));
        assertThat(imageTally().byStatus("carol")).isEmpty();
    }
}
