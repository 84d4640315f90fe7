package io.glance.testing.repository;

import io.glance.domain.Image;
import io.glance.ports.out.ImageQuery.SortKey;
import io.glance.ports.out.ImageQuery.SortKey.Column;
import io.glance.ports.out.ImageQuery.SortKey.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.glance.testing.repository.Queries.query;
import static io.glance.testing.repository.TestImages.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** Every sort key in both directions, with NULLs and ties, and mixed multi-key orders. */
public interface ListSortContract extends SortFixture {

    @ParameterizedTest
    @EnumSource(Column.class)
    default void ascendingPutsNullsFirstAndBreaksTiesByNewestThenHighestId(Column column) {
        assertOrder(List.of(new SortKey(column, Direction.ASC)));
    }

    @ParameterizedTest
    @EnumSource(Column.class)
    default void descendingPutsNullsLastAndBreaksTiesByNewestThenHighestId(Column column) {
        assertOrder(List.of(new SortKey(column, Direction.DESC)));
    }

    @Test
    default void multiKeyOrders() {
        List<Image> images = givenSortImages();
        for (List<SortKey> keys : MIXED_ORDERS) {
            List<Image> listed = list(query().sort(keys), ADMIN);

            assertThat(SortFixture.describe(listed)).as("order %s", keys)
                    .containsExactlyElementsOf(SortFixture.describe(expectedOrder(images, keys)));
        }
    }

    @Test
    default void textSortsByCodePointSoCaseMatters() {
        givenSortImages();

        List<String> names = listNames(query().sort(Column.NAME, Direction.ASC), ADMIN);

        assertThat(names.stream().filter(name -> name != null).distinct().toList())
                .containsExactly("Alpha", "Beta", "alpha", "beta", "gamma", "zeta");
    }

    private void assertOrder(List<SortKey> keys) {
        List<Image> images = givenSortImages();

        List<Image> listed = list(query().sort(keys), ADMIN);

        assertThat(SortFixture.describe(listed)).as("order %s", keys)
                .containsExactlyElementsOf(SortFixture.describe(expectedOrder(images, keys)));
    }
}
