package io.glance.testing.repository;

import io.glance.domain.ConflictException;
import io.glance.domain.Image;
import io.glance.domain.ImageStatus;
import io.glance.domain.Visibility;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.glance.testing.repository.TestImages.T0;
import static io.glance.testing.repository.TestImages.fullImage;
import static io.glance.testing.repository.TestImages.id;
import static io.glance.testing.repository.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** create and findById: every attribute survives, ids stay reserved. */
public interface CreateAndFindContract extends RepositoryFixture {

    @Test
    default void createdImageIsFoundWithEveryAttributeAtSecondPrecision() {
        Image created = store(fullImage(1));

        Image found = repository().findById(id(1)).orElseThrow();

        Image expected = created.toBuilder()
                .createdAt(created.createdAt().truncatedTo(ChronoUnit.SECONDS))
                .updatedAt(created.updatedAt().truncatedTo(ChronoUnit.SECONDS))
                .build();
        assertThat(found).isEqualTo(expected);
        assertThat(found.createdAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(found.updatedAt()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    default void tagsPropertiesAndLocationsKeepTheirOrder() {
        store(fullImage(1));

        Image found = repository().findById(id(1)).orElseThrow();

        assertThat(found.tags()).containsExactly("zeta", "alpha", "mid");
        assertThat(found.properties().keySet()).containsExactly("os_distro", "architecture", "description");
        assertThat(found.locations()).extracting(location -> location.metadata().get("store"))
                .containsExactly("file1", "swift");
        assertThat(found.locations().get(1).metadata()).containsEntry("region", "One\nTwo");
    }

    @Test
    default void unsetAttributesStayUnset() {
        store(image(1).name(null).owner(null));

        Image found = repository().findById(id(1)).orElseThrow();

        assertThat(found.name()).isNull();
        assertThat(found.owner()).isNull();
        assertThat(found.size()).isNull();
        assertThat(found.virtualSize()).isNull();
        assertThat(found.checksums()).isNull();
        assertThat(found.diskFormat()).isNull();
        assertThat(found.containerFormat()).isNull();
        assertThat(found.deletedAt()).isNull();
        assertThat(found.tags()).isEmpty();
        assertThat(found.properties()).isEmpty();
        assertThat(found.locations()).isEmpty();
        assertThat(found.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(found.visibility()).isEqualTo(Visibility.SHARED);
    }

    @Test
    default void unicodeAndLongValuesRoundTrip() {
        String longValue = "x".repeat(20_000) + "é";
        store(image(1).name("Grüße 日本 😀").tags(Set.of("ünï 😀")).properties(Map.of("note", longValue, "ключ", "")));

        Image found = repository().findById(id(1)).orElseThrow();

        assertThat(found.name()).isEqualTo("Grüße 日本 😀");
        assertThat(found.tags()).containsExactly("ünï 😀");
        assertThat(found.properties()).containsEntry("note", longValue).containsEntry("ключ", "");
    }

    @Test
    default void tagsDifferingOnlyInCaseOrTrailingSpaceAreDistinct() {
        store(image(1).tags(TestImages.orderedSet("Tag", "tag", "tag ")));

        assertThat(repository().findById(id(1)).orElseThrow().tags()).containsExactly("Tag", "tag", "tag ");
    }

    @Test
    default void unknownIdIsEmpty() {
        assertThat(repository().findById(id(404))).isEmpty();
    }

    @Test
    default void duplicateIdConflictsAndNamesTheId() {
        store(image(1));

        assertThatThrownBy(() -> store(image(1).name("other")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(id(1).value());
        assertThat(repository().findById(id(1)).orElseThrow().name()).isEqualTo("image-1");
    }

    @Test
    default void deletedImageIsGoneButItsIdStaysReserved() {
        Image image = store(image(1));
        repository().update(image.markDeleted(T0.plusSeconds(3600)), ImageStatus.QUEUED);

        assertThat(repository().findById(id(1))).isEmpty();
        assertThatThrownBy(() -> store(image(1)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(id(1).value());
    }

    @Test
    default void failedCreateLeavesNoPartialImage() {
        store(image(1).tags(Set.of("kept")));

        assertThatThrownBy(() -> store(image(1).tags(Set.of("new")).properties(Map.of("k", "v"))))
                .isInstanceOf(ConflictException.class);

        Image found = repository().findById(id(1)).orElseThrow();
        assertThat(found.tags()).containsExactly("kept");
        assertThat(found.properties()).isEmpty();
    }

    @Test
    default void manyImagesLoadTheirOwnChildren() {
        for (int n = 1; n <= 30; n++) {
            store(image(n).tags(Set.of("t" + n)).properties(Map.of("n", Integer.toString(n))));
        }

        List<Image> all = list(Queries.query(), TestImages.ADMIN);

        assertThat(all).hasSize(30).allSatisfy(image -> {
            String n = image.name().substring("image-".length());
            assertThat(image.tags()).containsExactly("t" + n);
            assertThat(image.properties()).containsExactly(Map.entry("n", n));
        });
    }

    @Test
    default void timestampsBeforeTheEpochAndFarAheadRoundTrip() {
        Instant early = Instant.parse("1969-07-20T20:17:40Z");
        Instant late = Instant.parse("2999-12-31T23:59:59Z");
        store(image(1).createdAt(early).updatedAt(late));

        Image found = repository().findById(id(1)).orElseThrow();

        assertThat(found.createdAt()).isEqualTo(early);
        assertThat(found.updatedAt()).isEqualTo(late);
    }
}
