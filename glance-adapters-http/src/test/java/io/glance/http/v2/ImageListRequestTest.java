package io.glance.http.v2;

import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.MemberStatus;
import io.glance.domain.Visibility;
import io.glance.http.ApiSettings;
import io.glance.ports.out.ImageFilter;
import io.glance.ports.out.ImageFilter.Column;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageQuery.SortKey;
import io.helidon.common.uri.UriQuery;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageListRequestTest {
    private static final ApiSettings SETTINGS = ApiSettings.defaults();

    private static ImageQuery parse(String query) {
        return ImageListRequest.parse(UriQuery.create(query), SETTINGS);
    }

    private static void assertBadRequest(String query, String message) {
        assertThatThrownBy(() -> parse(query)).as(query).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    @Test
    void defaultsAreGlances() {
        ImageQuery query = parse("");
        assertThat(query.limit()).isEqualTo(25);
        assertThat(query.marker()).isNull();
        assertThat(query.memberStatus()).isEqualTo(MemberStatus.ACCEPTED);
        assertThat(query.osHidden()).isFalse();
        assertThat(query.visibility()).isNull();
        assertThat(query.includeAllVisibility()).isFalse();
        assertThat(query.sort()).containsExactly(new SortKey(SortKey.Column.CREATED_AT, SortKey.Direction.DESC));
        assertThat(query.filters()).isEmpty();
    }

    @Test
    void limitIsCappedAndValidated() {
        assertThat(parse("limit=5000").limit()).isEqualTo(1000);
        assertThat(parse("limit=0").limit()).isZero();
        assertBadRequest("limit=-1", "limit param must be positive: -1");
        assertBadRequest("limit=ten", "limit param must be an integer: ten");
    }

    @Test
    void markerMustBeAnImageId() {
        String id = "0b5e4b39-5f6a-4e5a-8e52-3c2a7f6d9a01";
        assertThat(parse("marker=" + id).marker()).isEqualTo(new ImageId(id));
        assertBadRequest("marker=nope", "Invalid marker nope");
    }

    @Test
    void classicAndNewSortSyntax() {
        assertThat(parse("sort_key=name&sort_dir=asc&sort_key=size").sort()).containsExactly(
                new SortKey(SortKey.Column.NAME, SortKey.Direction.ASC),
                new SortKey(SortKey.Column.SIZE, SortKey.Direction.ASC));
        assertThat(parse("sort_key=name&sort_dir=asc&sort_key=size&sort_dir=desc").sort()).containsExactly(
                new SortKey(SortKey.Column.NAME, SortKey.Direction.ASC),
                new SortKey(SortKey.Column.SIZE, SortKey.Direction.DESC));
        assertThat(parse("sort=name:asc,status").sort()).containsExactly(
                new SortKey(SortKey.Column.NAME, SortKey.Direction.ASC),
                new SortKey(SortKey.Column.STATUS, SortKey.Direction.DESC));
        assertBadRequest("sort_key=owner", "Invalid sort key: owner");
        assertBadRequest("sort=name:up", "Invalid sort direction: up");
        assertBadRequest("sort=name&sort_key=size", "cannot be combined");
        assertBadRequest("sort_key=name&sort_dir=asc&sort_dir=desc&sort_dir=asc", "Number of sort dirs");
    }

    @Test
    void scopeParameters() {
        ImageQuery query = parse("visibility=community&member_status=all&os_hidden=True");
        assertThat(query.visibility()).isEqualTo(Visibility.COMMUNITY);
        assertThat(query.memberStatus()).isNull();
        assertThat(query.osHidden()).isTrue();
        assertThat(parse("visibility=all").includeAllVisibility()).isTrue();
        assertBadRequest("visibility=everyone", "Invalid visibility value: everyone");
        assertBadRequest("member_status=maybe", "Invalid status: maybe");
        assertBadRequest("os_hidden=perhaps", "perhaps");
        assertBadRequest("changes-since=2020-01-01T00:00:00Z", "changes-since");
    }

    @Test
    void columnFiltersTakeInAndEqLists() {
        assertThat(parse("name=in:a,\"b,c\"").filters())
                .containsExactly(new ImageFilter.ColumnIn(Column.NAME, List.of("a", "b,c")));
        assertThat(parse("status=eq:active").filters())
                .containsExactly(new ImageFilter.ColumnIn(Column.STATUS, List.of("active")));
        assertThat(parse("name=ubuntu:22.04").filters())
                .containsExactly(new ImageFilter.ColumnIn(Column.NAME, List.of("ubuntu:22.04")));
        assertThat(parse("name=cirros+0.6").filters())
                .containsExactly(new ImageFilter.ColumnIn(Column.NAME, List.of("cirros 0.6")));
        assertBadRequest("name=in:\"a", "The quote is not closed");
        assertBadRequest("disk_format=gt:raw", "unknown operator 'gt'");
    }

    @Test
    void otherFilters() {
        assertThat(parse("tag=a&tag=b&owner=p&protected=true&size_min=1&size_max=9&min_ram=512&hw_disk_bus=virtio")
                .filters()).containsExactlyInAnyOrder(
                new ImageFilter.HasTag("a"), new ImageFilter.HasTag("b"),
                new ImageFilter.ColumnIn(Column.OWNER, List.of("p")),
                new ImageFilter.ColumnIn(Column.PROTECTED, List.of("true")),
                new ImageFilter.SizeBetween(1L, 9L),
                new ImageFilter.ColumnIn(Column.MIN_RAM, List.of("512")),
                new ImageFilter.PropertyEquals("hw_disk_bus", "virtio"));
        assertBadRequest("protected=yes", "Invalid value 'yes' for 'protected'");
        assertBadRequest("size_min=big", "non-numeric value: big");
    }

    @Test
    void timeFilters() {
        Instant t = Instant.parse("2020-01-02T03:04:05Z");
        assertThat(parse("created_at=gte:2020-01-02T03:04:05Z").filters()).containsExactly(
                new ImageFilter.TimeCompare(ImageFilter.TimeColumn.CREATED_AT, ImageFilter.Comparison.GTE, t));
        assertThat(parse("updated_at=2020-01-02T03:04:05Z").filters()).containsExactly(
                new ImageFilter.TimeCompare(ImageFilter.TimeColumn.UPDATED_AT, ImageFilter.Comparison.EQ, t));
        assertThat(parse("created_at=lt:2020-01-02T05:04:05%2B02:00").filters()).containsExactly(
                new ImageFilter.TimeCompare(ImageFilter.TimeColumn.CREATED_AT, ImageFilter.Comparison.LT, t));
        assertBadRequest("created_at=around:2020-01-01T00:00:00Z", "unknown operator 'around'");
        assertBadRequest("created_at=gt:yesterday", "ISO 8601");
    }
}
