package io.glance.testing.repository;

import io.glance.domain.ImageId;
import io.glance.domain.MemberStatus;
import io.glance.domain.Visibility;
import io.glance.ports.out.ImageFilter;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageQuery.SortKey;

import java.util.ArrayList;
import java.util.List;

/** Builds {@link ImageQuery} values: defaults as GET /v2/images without parameters, but a page large enough for all. */
public final class Queries {
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

    public static Queries query() {
        return new Queries();
    }

    public Queries filter(ImageFilter... values) {
        filters.addAll(List.of(values));
        return this;
    }

    public Queries visibility(Visibility value) {
        visibility = value;
        return this;
    }

    public Queries allVisibilities() {
        includeAllVisibility = true;
        return this;
    }

    public Queries memberStatus(MemberStatus value) {
        memberStatus = value;
        return this;
    }

    public Queries hidden() {
        osHidden = true;
        return this;
    }

    public Queries sort(SortKey.Column column, SortKey.Direction direction) {
        sort.add(new SortKey(column, direction));
        return this;
    }

    public Queries sort(List<SortKey> keys) {
        sort.addAll(keys);
        return this;
    }

    public Queries limit(int value) {
        limit = value;
        return this;
    }

    public Queries marker(ImageId value) {
        marker = value;
        return this;
    }

    public ImageQuery build() {
        return new ImageQuery(filters, visibility, includeAllVisibility, memberStatus, osHidden, sort, limit, marker);
    }
}
