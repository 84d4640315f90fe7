package io.glance.testing.repository;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.MemberStatus;
import io.glance.domain.ImageMember;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import io.glance.ports.out.ImageFilter;
import io.glance.ports.out.ImageQuery.SortKey;
import io.glance.ports.out.ImageQuery.SortKey.Column;
import io.glance.ports.out.ImageQuery.SortKey.Direction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.glance.testing.repository.Queries.query;
import static io.glance.testing.repository.TestImages.ADMIN;
import static io.glance.testing.repository.TestImages.T0;
import static io.glance.testing.repository.TestImages.id;
import static io.glance.testing.repository.TestImages.image;
import static io.glance.testing.repository.TestImages.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keyset pagination: pages after a marker join up to the full listing, whatever the order and the NULLs. */
public interface ListPaginationContract extends SortFixture {

    @Test
    default void pagesJoinUpWithoutGapsOrDuplicatesForEveryOrder() {
        List<Image> images = givenSortImages();
        List<List<SortKey>> orders = new ArrayList<>(MIXED_ORDERS);
        for (Column column : Column.values()) {
            for (Direction direction : Direction.values()) {
                orders.add(List.of(new SortKey(column, direction)));
            }
        }
        for (List<SortKey> keys : orders) {
            List<String> expected = SortFixture.describe(expectedOrder(images, keys));
            for (int pageSize : List.of(1, 2, 5)) {
                List<String> paged = SortFixture.describe(allPages(query().sort(keys), pageSize, ADMIN));

                assertThat(paged).as("order %s, pages of %d", keys, pageSize).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    default void pagesOfAFilteredListingJoinUp() {
        givenSortImages();
        Queries activeByName = query().filter(new ImageFilter.ColumnIn(ImageFilter.Column.STATUS, List.of("active")))
                .sort(Column.NAME, Direction.DESC);

        List<Image> unpaged = list(activeByName, ADMIN);

        List<Image> paged = allPages(activeByName, 2, ADMIN);

        assertThat(paged).containsExactlyElementsOf(unpaged).hasSize(6);
    }

    @Test
    default void unknownMarkerIsInvalidInputNamingIt() {
        givenSortImages();

        assertThatThrownBy(() -> list(query().marker(id(404)), ADMIN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(id(404).value());
    }

    @Test
    default void markerTheCallerCannotSeeIsInvalidInputNamingIt() {
        store(image(1).owner("bob").visibility(Visibility.PRIVATE));
        store(image(2).owner("bob").visibility(Visibility.SHARED));

        for (ImageId invisible : List.of(id(1), id(2))) {
            assertThatThrownBy(() -> list(query().marker(invisible), user("alice")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(invisible.value());
        }
    }

    @Test
    default void markerVisibleByMembershipOfAnyStatusIsAccepted() {
        store(image(1).owner("alice").visibility(Visibility.PRIVATE));
        store(image(2).owner("bob").visibility(Visibility.SHARED));
        members().addMember(new ImageMember(id(2), "alice", MemberStatus.PENDING, T0, T0));

        assertThat(listIds(query().marker(id(2)), user("alice"))).containsExactly(id(1));
    }

    @Test
    default void deletedMarkerKeepsItsPlace() {
        List<Image> images = givenSortImages();
        List<Image> expected = expectedOrder(images, List.of());
        List<Image> firstPage = list(query().limit(4), ADMIN);
        Image last = firstPage.get(3);
        repository().update(last.markDeleted(T0.plusSeconds(5000)), last.status());

        List<Image> secondPage = list(query().limit(4).marker(last.id()), ADMIN);

        assertThat(secondPage).containsExactlyElementsOf(expected.subList(4, 8));
    }

    @Test
    default void hiddenOrFilteredOutMarkerKeepsItsPlace() {
        store(image(1).name("one"));
        store(image(2).name("two").osHidden(true));
        store(image(3).name("three").status(ImageStatus.ACTIVE));

        assertThat(listNames(query().marker(id(2)), ADMIN)).containsExactly("one");
        assertThat(listNames(query().marker(id(3))
                .filter(new ImageFilter.ColumnIn(ImageFilter.Column.STATUS, List.of("queued"))), ADMIN))
                .containsExactly("one");
    }

    @Test
    default void markerAtTheEndGivesAnEmptyPage() {
        List<Image> images = givenSortImages();
        Image lastOfAll = expectedOrder(images, List.of()).get(images.size() - 1);

        assertThat(list(query().marker(lastOfAll.id()), ADMIN)).isEmpty();
    }

    @Test
    default void limitCutsThePageAndZeroGivesNothing() {
        givenSortImages();

        assertThat(list(query().limit(3), ADMIN)).hasSize(3);
        assertThat(list(query().limit(0), ADMIN)).isEmpty();
    }

    /** Follows markers from the first page until a page comes back short, as the API's "next" links do. */
    private List<Image> allPages(Queries query, int pageSize, RequestContext context) {
        List<Image> all = new ArrayList<>();
        ImageId marker = null;
        for (int page = 0; page < 100; page++) {
            List<Image> images = list(query.limit(pageSize).marker(marker), context);
            all.addAll(images);
            if (images.size() < pageSize) {
                return all;
            }
            marker = images.get(images.size() - 1).id();
        }
        throw new AssertionError("More than 100 pages: the marker does not advance past " + marker);
    }
}
