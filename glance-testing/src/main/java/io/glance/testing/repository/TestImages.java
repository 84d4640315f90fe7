package io.glance.testing.repository;

import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Images and callers for the repository contract; ids and times are derived from a number so tests read well. */
public final class TestImages {
    public static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    public static final RequestContext ADMIN = new RequestContext("req-admin", "admin-project", Set.of("admin"), true);

    private TestImages() {
    }

    public static ImageId id(int n) {
        return new ImageId(String.format("00000000-0000-4000-8000-%012d", n));
    }

    /** A queued image owned by {@code alice}, created {@code n} minutes after {@link #T0}. */
    public static Image.Builder image(int n) {
        Instant created = T0.plusSeconds(60L * n);
        return Image.newImage(id(n), created).owner("alice").name("image-" + n);
    }

    /** An active image with every attribute set, including nanoseconds the database is expected to drop. */
    public static Image.Builder fullImage(int n) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("os_distro", "ubuntu");
        properties.put("architecture", "x86_64");
        properties.put("description", "a \"quoted\" value with ünïcödé");
        return image(n)
                .name("full-" + n)
                .status(io.glance.domain.ImageStatus.ACTIVE)
                .visibility(Visibility.PUBLIC)
                .isProtected(true)
                .osHidden(false)
                .size(1024L * n)
                .virtualSize(4096L * n)
                .checksums(new ImageChecksums("d41d8cd98f00b204e9800998ecf8427e", "sha512", "ab".repeat(64)))
                .diskFormat("qcow2")
                .containerFormat("bare")
                .minDisk(10)
                .minRam(512)
                .createdAt(T0.plusSeconds(60L * n).plusNanos(123_456_789))
                .updatedAt(T0.plusSeconds(60L * n + 30).plusNanos(987_000_000))
                .tags(orderedSet("zeta", "alpha", "mid"))
                .properties(properties)
                .locations(List.of(
                        new ImageLocation("file:///var/lib/glance/images/" + id(n), Map.of("store", "file1")),
                        new ImageLocation("swift+https://swift/v1/glance/" + id(n),
                                Map.of("store", "swift", "region", "One\nTwo"))));
    }

    public static RequestContext user(String project) {
        return new RequestContext("req-" + project, project, Set.of("member"), false);
    }

    /** A non-admin caller without a project. */
    public static RequestContext projectless() {
        return new RequestContext("req-none", null, Set.of(), false);
    }

    public static Set<String> orderedSet(String... values) {
        return new LinkedHashSet<>(List.of(values));
    }
}
