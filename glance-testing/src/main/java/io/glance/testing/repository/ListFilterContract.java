package io.glance.testing.repository;

import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.Visibility;
import io.glance.ports.out.ImageFilter;
import io.glance.ports.out.ImageFilter.ColumnIn;
import io.glance.ports.out.ImageFilter.Comparison;
import io.glance.ports.out.ImageFilter.HasTag;
import io.glance.ports.out.ImageFilter.PropertyEquals;
import io.glance.ports.out.ImageFilter.SizeBetween;
import io.glance.ports.out.ImageFilter.TimeColumn;
import io.glance.ports.out.ImageFilter.TimeCompare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import static io.glance.testing.repository.Queries.query;
import static io.glance.testing.repository.TestImages.ADMIN;
import static io.glance.testing.repository.TestImages.T0;
import static io.glance.testing.repository.TestImages.image;
import static io.glance.testing.repository.TestImages.orderedSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every {@link ImageFilter}, on three listable images that differ in every column ("a", "A" and an all-null "c")
 * plus a hidden, a killed and a deleted one that must never show up unasked.
 */
public interface ListFilterContract extends RepositoryFixture {

    /** Stores the filter data set; returns the three listable images a, A, c. */
    private List<Image> givenFilterImages() {
        Image a = store(image(1).name("a").status(ImageStatus.ACTIVE).visibility(Visibility.PUBLIC).owner("alice")
                .containerFormat("bare").diskFormat("raw").isProtected(true).minDisk(1).minRam(128)
                .size(100L).virtualSize(10L)
                .checksums(new ImageChecksums("a".repeat(32), "sha512", "a".repeat(128)))
                .updatedAt(T0.plusSeconds(600))
                .tags(orderedSet("x", "y")).properties(Map.of("os_distro", "ubuntu", "arch", "x86_64")));
        Image capitalA = store(image(2).name("A").status(ImageStatus.QUEUED).visibility(Visibility.PRIVATE)
                .owner("bob").containerFormat("ovf").diskFormat("qcow2").minDisk(2).minRam(256)
                .size(200L).virtualSize(20L)
                .checksums(new ImageChecksums("b".repeat(32), "sha512", "b".repeat(128)))
                .updatedAt(T0.plusSeconds(300))
                .tags(orderedSet("x")).properties(Map.of("os_distro", "ubuntu")));
        Image c = store(image(3).name(null).status(ImageStatus.SAVING).owner("carol")
                .updatedAt(T0.plusSeconds(1200))
                .properties(Map.of("os_distro", "Ubuntu")));
        store(image(4).name("hidden").status(ImageStatus.ACTIVE).osHidden(true).tags(orderedSet("x")));
        store(image(5).name("killed").status(ImageStatus.KILLED).tags(orderedSet("x")));
        Image deleted = store(image(6).name("deleted").tags(orderedSet("x")));
        repository().update(deleted.markDeleted(T0.plusSeconds(3600)), ImageStatus.QUEUED);
        return List.of(a, capitalA, c);
    }

    @ParameterizedTest
    @EnumSource(ImageFilter.Column.class)
    default void columnEqualsOneValue(ImageFilter.Column column) {
        List<Image> images = givenFilterImages();
        String value = wireValue(column, images.get(0));

        List<String> names = listNames(query().filter(new ColumnIn(column, List.of(value))), ADMIN);

        assertThat(names).as("%s = %s", column, value)
                .containsExactlyInAnyOrderElementsOf(namesWhere(images, column, Set.of(value)));
    }

    @ParameterizedTest
    @EnumSource(ImageFilter.Column.class)
    default void columnInSeveralValues(ImageFilter.Column column) {
        List<Image> images = givenFilterImages();
        Set<String> values = Set.of(wireValue(column, images.get(0)), wireValue(column, images.get(1)));

        List<String> names = listNames(query().filter(new ColumnIn(column, List.copyOf(values))), ADMIN);

        assertThat(names).as("%s in %s", column, values)
                .containsExactlyInAnyOrderElementsOf(namesWhere(images, column, values));
        assertThat(names).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    default void textComparesExactlyWithCaseAndTrailingSpaces() {
        givenFilterImages();
        store(image(7).name("a "));

        assertThat(listNames(query().filter(new ColumnIn(ImageFilter.Column.NAME, List.of("a"))), ADMIN))
                .containsExactly("a");
        assertThat(listNames(query().filter(new ColumnIn(ImageFilter.Column.NAME, List.of("A"))), ADMIN))
                .containsExactly("A");
        assertThat(listNames(query().filter(new ColumnIn(ImageFilter.Column.NAME, List.of("a "))), ADMIN))
                .containsExactly("a ");
    }

    @Test
    default void emptyValueListMatchesNothing() {
        givenFilterImages();

        assertThat(list(query().filter(new ColumnIn(ImageFilter.Column.STATUS, List.of())), ADMIN)).isEmpty();
    }

    @Test
    default void unknownStatusMatchesNothingAndKilledOrDeletedAreNeverListed() {
        givenFilterImages();

        assertThat(listNames(query().filter(new ColumnIn(ImageFilter.Column.STATUS,
                List.of("killed", "deleted", "no-such-status"))), ADMIN)).isEmpty();
        assertThat(listNames(query().allVisibilities(), ADMIN)).doesNotContain("killed", "deleted");
        assertThat(listNames(query().hidden().allVisibilities(), ADMIN)).containsExactly("hidden");
    }

    @Test
    default void typedColumnsRejectValuesOfTheWrongTypeNamingThem() {
        givenFilterImages();

        assertThatThrownBy(() -> list(query().filter(new ColumnIn(ImageFilter.Column.PROTECTED, List.of("yes"))),
                ADMIN)).isInstanceOf(InvalidInputException.class).hasMessageContaining("yes")
                .hasMessageContaining("protected");
        assertThatThrownBy(() -> list(query().filter(new ColumnIn(ImageFilter.Column.MIN_DISK, List.of("1.5"))),
                ADMIN)).isInstanceOf(InvalidInputException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> list(query().filter(new ColumnIn(ImageFilter.Column.VIRTUAL_SIZE,
                List.of("big"))), ADMIN)).isInstanceOf(InvalidInputException.class).hasMessageContaining("big");
    }

    @ParameterizedTest
    @EnumSource(Comparison.class)
    default void timeComparisons(Comparison comparison) {
        List<Image> images = givenFilterImages();
        for (TimeColumn column : TimeColumn.values()) {
            Function<Image, Instant> time = column == TimeColumn.CREATED_AT ? Image::createdAt : Image::updatedAt;
            // The stored times are whole seconds; a pivot between two seconds must compare as written.
            for (Instant pivot : List.of(time.apply(images.get(1)), time.apply(images.get(1)).plusMillis(500))) {
                List<String> expected = images.stream()
                        .filter(image -> matches(comparison, time.apply(image).compareTo(pivot)))
                        .map(Image::name).toList();

                List<String> names = listNames(query().filter(new TimeCompare(column, comparison, pivot)), ADMIN);

                assertThat(names).as("%s %s %s", column, comparison, pivot)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @Test
    default void sizeBoundsAreInclusiveAndSkipImagesWithoutSize() {
        givenFilterImages();

        assertThat(listNames(query().filter(new SizeBetween(150L, null)), ADMIN)).containsExactly("A");
        assertThat(listNames(query().filter(new SizeBetween(null, 150L)), ADMIN)).containsExactly("a");
        assertThat(listNames(query().filter(new SizeBetween(100L, 200L)), ADMIN))
                .containsExactlyInAnyOrder("a", "A");
        assertThat(listNames(query().filter(new SizeBetween(200L, 200L)), ADMIN)).containsExactly("A");
        assertThat(listNames(query().filter(new SizeBetween(201L, null)), ADMIN)).isEmpty();
        assertThat(listNames(query().filter(new SizeBetween(null, null)), ADMIN))
                .containsExactlyInAnyOrder("a", "A", null);
        assertThat(listNames(query().filter(new SizeBetween(50L, null), new SizeBetween(null, 150L)), ADMIN))
                .containsExactly("a");
    }

    @Test
    default void severalTagsMustAllBePresent() {
        givenFilterImages();

        assertThat(listNames(query().filter(new HasTag("x")), ADMIN)).containsExactlyInAnyOrder("a", "A");
        assertThat(listNames(query().filter(new HasTag("x"), new HasTag("y")), ADMIN)).containsExactly("a");
        assertThat(listNames(query().filter(new HasTag("y"), new HasTag("z")), ADMIN)).isEmpty();
        assertThat(listNames(query().filter(new HasTag("X")), ADMIN)).isEmpty();
    }

    @Test
    default void propertiesMatchExactly() {
        givenFilterImages();

        assertThat(listNames(query().filter(new PropertyEquals("os_distro", "ubuntu")), ADMIN))
                .containsExactlyInAnyOrder("a", "A");
        assertThat(listNames(query().filter(new PropertyEquals("os_distro", "Ubuntu")), ADMIN))
                .containsExactly((String) null);
        assertThat(listNames(query().filter(new PropertyEquals("os_distro", "ubuntu"),
                new PropertyEquals("arch", "x86_64")), ADMIN)).containsExactly("a");
        assertThat(listNames(query().filter(new PropertyEquals("OS_DISTRO", "ubuntu")), ADMIN)).isEmpty();
        assertThat(listNames(query().filter(new PropertyEquals("arch", "")), ADMIN)).isEmpty();
    }

    @Test
    default void filtersOfEveryKindCombine() {
        givenFilterImages();

        List<String> names = listNames(query().filter(
                new ColumnIn(ImageFilter.Column.STATUS, List.of("active", "queued")),
                new HasTag("x"),
                new PropertyEquals("os_distro", "ubuntu"),
                new SizeBetween(150L, null),
                new TimeCompare(TimeColumn.CREATED_AT, Comparison.GTE, T0)), ADMIN);

        assertThat(names).containsExactly("A");
    }

    @Test
    default void hiddenImagesAreListedOnlyWhenAskedForAndThenAlone() {
        givenFilterImages();

        assertThat(listNames(query(), ADMIN)).doesNotContain("hidden").hasSize(3);
        assertThat(listNames(query().hidden(), ADMIN)).containsExactly("hidden");
        assertThat(listNames(query().hidden().filter(new HasTag("x")), ADMIN)).containsExactly("hidden");
    }

    private static boolean matches(Comparison comparison, int order) {
        return switch (comparison) {
            case GT -> order > 0;
            case GTE -> order >= 0;
            case EQ -> order == 0;
            case NEQ -> order != 0;
            case LT -> order < 0;
            case LTE -> order <= 0;
        };
    }

    private static List<String> namesWhere(List<Image> images, ImageFilter.Column column, Set<String> values) {
        return images.stream()
                .filter(image -> wireValue(column, image) != null && values.contains(wireValue(column, image)))
                .map(Image::name).toList();
    }

    /** How the API would spell the image's value of {@code column} in a filter. */
    private static String wireValue(ImageFilter.Column column, Image image) {
        Object value = switch (column) {
            case NAME -> image.name();
            case ID -> image.id().value();
            case STATUS -> image.status().wireName();
            case CONTAINER_FORMAT -> image.containerFormat();
            case DISK_FORMAT -> image.diskFormat();
            case OWNER -> image.owner();
            case CHECKSUM -> image.checksums() == null ? null : image.checksums().md5();
            case OS_HASH_VALUE -> image.checksums() == null ? null : image.checksums().hashValue();
            case PROTECTED -> image.isProtected();
            case MIN_DISK -> image.minDisk();
            case MIN_RAM -> image.minRam();
            case VIRTUAL_SIZE -> image.virtualSize();
        };
        return Objects.toString(value, null);
    }
}
