package io.glance.testing.repository;

import io.glance.domain.ConflictException;
import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageStatus;
import io.glance.domain.NotFoundException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.glance.testing.repository.TestImages.T0;
import static io.glance.testing.repository.TestImages.fullImage;
import static io.glance.testing.repository.TestImages.id;
import static io.glance.testing.repository.TestImages.image;
import static io.glance.testing.repository.TestImages.orderedSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** update(image, expectedStatus): all or nothing, and only from the expected status. */
public interface ConditionalUpdateContract extends RepositoryFixture {

    @Test
    default void updateReplacesAttributesTagsPropertiesAndLocations() {
        Image stored = store(fullImage(1));
        Image changed = stored.toBuilder()
                .name("renamed")
                .status(ImageStatus.DEACTIVATED)
                .isProtected(false)
                .osHidden(true)
                .size(7L)
                .virtualSize(null)
                .checksums(new ImageChecksums("0".repeat(32), "sha512", "1".repeat(128)))
                .minDisk(0)
                .updatedAt(T0.plusSeconds(7200))
                .tags(orderedSet("new", "alpha"))
                .properties(Map.of("only", "this"))
                .locations(List.of(new ImageLocation("file:///elsewhere", Map.of())))
                .build();

        Image returned = repository().update(changed, ImageStatus.ACTIVE);

        Image expected = changed.toBuilder().createdAt(T0.plusSeconds(60)).build();
        assertThat(returned).isEqualTo(expected);
        assertThat(returned.tags()).containsExactly("new", "alpha");
        assertThat(repository().findById(id(1)).orElseThrow()).isEqualTo(expected);
    }

    @Test
    default void updateCanEmptyEveryCollection() {
        Image stored = store(fullImage(1));

        repository().update(stored.toBuilder().tags(orderedSet()).properties(Map.of()).locations(List.of()).build(),
                ImageStatus.ACTIVE);

        Image found = repository().findById(id(1)).orElseThrow();
        assertThat(found.tags()).isEmpty();
        assertThat(found.properties()).isEmpty();
        assertThat(found.locations()).isEmpty();
    }

    @Test
    default void createdAtNeverChanges() {
        Image stored = store(image(1));

        Image returned = repository().update(stored.toBuilder().createdAt(T0.plusSeconds(99_999)).build(),
                ImageStatus.QUEUED);

        assertThat(returned.createdAt()).isEqualTo(stored.createdAt());
    }

    @Test
    default void staleExpectedStatusConflictsNamingTheCurrentStatus() {
        Image queued = store(image(1).diskFormat("raw").containerFormat("bare"));
        repository().update(queued.startUpload(T0.plusSeconds(1)), ImageStatus.QUEUED);

        assertThatThrownBy(() -> repository().update(queued.toBuilder().name("late").build(), ImageStatus.QUEUED))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(id(1).value())
                .hasMessageContaining("saving");
    }

    @Test
    default void failedUpdateChangesNothing() {
        Image stored = store(fullImage(1));

        assertThatThrownBy(() -> repository().update(stored.toBuilder().name("x").tags(orderedSet()).build(),
                ImageStatus.QUEUED)).isInstanceOf(ConflictException.class);

        Image found = repository().findById(id(1)).orElseThrow();
        assertThat(found.name()).isEqualTo("full-1");
        assertThat(found.tags()).containsExactly("zeta", "alpha", "mid");
    }

    @Test
    default void updateOfUnknownImageIsNotFound() {
        Image never = image(9).build();

        assertThatThrownBy(() -> repository().update(never, ImageStatus.QUEUED))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(id(9).value());
    }

    @Test
    default void updateOfDeletedImageIsNotFoundWhateverTheExpectedStatus() {
        Image stored = store(image(1));
        Image deleted = repository().update(stored.markDeleted(T0.plusSeconds(5)), ImageStatus.QUEUED);
        assertThat(deleted.status()).isEqualTo(ImageStatus.DELETED);
        assertThat(deleted.deletedAt()).isEqualTo(T0.plusSeconds(5));

        for (ImageStatus expected : List.of(ImageStatus.QUEUED, ImageStatus.DELETED)) {
            assertThatThrownBy(() -> repository().update(stored, expected))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining(id(1).value());
        }
    }
}
