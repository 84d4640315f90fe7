package io.glance.adapters.db;

import io.glance.domain.ImageId;
import io.glance.domain.MemberStatus;
import io.glance.domain.Visibility;
import io.glance.ports.out.ImageFilter;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageQuery.SortKey;

import java.util.ArrayList;
import java.util.List;

/** Builds {@link ImageQuery} values: defaults as GET /v2/images without parameters, but a page large enough for all. */
final class Queries {
    private final List<ImageFilter> filters = new ArrayList<>();
    private final List<SortKey> sort = new ArrayList<>();
    private Visibility visibility;
    private boolean includeAllVisibility;
    private MemberStatus memberStatus = MemberStatus.ACCEPTED;
    private boolean osHidden;
    private int limit = 1000;
    private ImageId marker;

    private Queries() {
    }

    static Queries query() {
        return new Queries();
    }

    Queries filter(ImageFilter... values) {
        filters.addAll(List.of(values));
        return this;
    }

    Queries visibility(Visibility value) {
        visibility = value;
        return this;
    }

    Queries allVisibilities() {
        includeAllVisibility = true;
        return this;
    }

    Queries memberStatus(MemberStatus value) {
        memberStatus = value;
        return this;
    }

    Queries hidden() {
        osHidden = true;
        return this;
    }

    Queries sort(SortKey.Column column, SortKey.Direction direction) {
        sort.add(new SortKey(column, direction));
        return this;
    }

    Queries sort(List<SortKey> keys) {
        sort.addAll(keys);
        return this;
    }

    Queries limit(int value) {
        limit = value;
        return this;
    }

    Queries marker(ImageId value) {
        marker = value;
        return this;
    }

    ImageQuery build() {
        return new ImageQuery(filters, visibility, includeAllVisibility, memberStatus, osHidden, sort, limit, marker);
    }
}
