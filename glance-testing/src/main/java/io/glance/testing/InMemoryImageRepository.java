package io.glance.testing;

import io.glance.domain.ConflictException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageMember;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.MemberRepository;
import io.glance.ports.out.ImageTally;
import io.glance.ports.out.StorageUsage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@link ImageRepository} in memory, behaving like the database adapter: deleted images stay stored so their ids stay
 * reserved, updates are conditional on the stored status, {@code created_at} never changes after create, timestamps
 * are kept at second precision, and listings follow Glance v2 §2.1 (scope, filters, order, marker, limit; deleted
 * and killed images never listed). Thread-safe: every method holds the repository's lock, which is what makes the
 * conditional update atomic.
 */
public final class InMemoryImageRepository implements ImageRepository, MemberRepository, StorageUsage, ImageTally {
    private final Map<ImageId, Image> images = new LinkedHashMap<>();
    private final Map<ImageId, Map<String, ImageMember>> members = new HashMap<>();

    @Override
    public synchronized void create(Image image) {
        requireNonNull(image, "image is null");
        if (images.containsKey(image.id())) {
            throw new ConflictException("Image with identifier " + image.id() + " already exists");
        }
        images.put(image.id(), atSecondPrecision(image, image.createdAt()));
    }

    @Override
    public synchronized Optional<Image> findById(ImageId id) {
        requireNonNull(id, "id is null");
        return Optional.ofNullable(images.get(id)).filter(image -> !image.deleted());
    }

    @Override
    public synchronized Image update(Image image, ImageStatus expectedStatus) {
        requireNonNull(image, "image is null");
        requireNonNull(expectedStatus, "expectedStatus is null");
        Image current = images.get(image.id());
        if (current == null || current.deleted()) {
            throw new NotFoundException("No image found with ID " + image.id());
        }
        if (current.status() != expectedStatus) {
            throw new ConflictException("Image " + image.id() + " is " + current.status().wireName() + ", not "
                    + expectedStatus.wireName() + ": another request changed it first");
        }
        Image stored = atSecondPrecision(image, current.createdAt());
        images.put(image.id(), stored);
        return stored;
    }

    @Override
    public synchronized Image updateIfUnchanged(Image read, Image changed) {
        requireNonNull(read, "read is null");
        requireNonNull(changed, "changed is null");
        if (!read.id().equals(changed.id())) {
            throw new IllegalArgumentException("Cannot replace image " + read.id() + " with image " + changed.id());
        }
        Image current = images.get(read.id());
        if (current == null || current.deleted()) {
            throw new NotFoundException("No image found with ID " + read.id());
        }
        if (!current.equals(read)) {
            throw new ConflictException("Image " + read.id() + " was changed by another request since it was read"
                    + " (updated at " + current.updatedAt() + ", " + current.status().wireName() + ")");
        }
        Image stored = atSecondPrecision(changed, current.createdAt());
        images.put(changed.id(), stored);
        return stored;
    }

    @Override
    public synchronized List<Image> list(ImageQuery query, RequestContext context) {
        requireNonNull(query, "query is null");
        requireNonNull(context, "context is null");
        ListingFilters filters = new ListingFilters(query.filters());
        ListingScope scope = new ListingScope(query, context);
        Comparator<Image> order = ListingOrder.of(query.sort());
        Image marker = query.marker() == null ? null : visibleMarker(query.marker(), context);
        List<Image> page = new ArrayList<>();
        for (Image image : images.values()) {
            if (!image.deleted() && image.status() != ImageStatus.KILLED && image.osHidden() == query.osHidden()
                    && scope.includes(image, membersOf(image.id())) && filters.matches(image)
                    && (marker == null || order.compare(image, marker) > 0)) {
                page.add(image);
            }
        }
        page.sort(order);
        return List.copyOf(page.subList(0, Math.min(query.limit(), page.size())));
    }

    /**
     * The marker image if the caller may see it. Like Glance and the database adapter, a deleted, hidden or
     * filtered-out marker keeps its place in the order, so paging on does not fail when it changed in between.
     */
    private Image visibleMarker(ImageId marker, RequestContext context) {
        Image image = images.get(marker);
        ImageMember membership = context.projectId() == null ? null : membersOf(marker).get(context.projectId());
        if (image == null || !image.isVisibleTo(context, membership == null ? null : membership.status())) {
            throw new InvalidInputException("Invalid marker: image " + marker + " could not be found");
        }
        return image;
    }

    @Override
    public synchronized void addMember(ImageMember member) {
        requireNonNull(member, "member is null");
        if (!images.containsKey(member.imageId())) {
            throw new NotFoundException("No image found with ID " + member.imageId());
        }
        Map<String, ImageMember> ofImage = members.computeIfAbsent(member.imageId(), id -> new HashMap<>());
        if (ofImage.containsKey(member.memberId())) {
            throw new ConflictException("Project " + member.memberId() + " is already a member of image "
                    + member.imageId());
        }
        ofImage.put(member.memberId(), atSecondPrecision(member));
    }

    @Override
    public synchronized Optional<ImageMember> findMember(ImageId imageId, String memberId) {
        requireNonNull(imageId, "imageId is null");
        requireNonNull(memberId, "memberId is null");
        return Optional.ofNullable(membersOf(imageId).get(memberId));
    }

    /** Oldest first, then by project id, as the database adapter lists them. */
    @Override
    public synchronized List<ImageMember> listMembers(ImageId imageId) {
        requireNonNull(imageId, "imageId is null");
        return membersOf(imageId).values().stream()
                .sorted(Comparator.comparing(ImageMember::createdAt).thenComparing(ImageMember::memberId))
                .toList();
    }

    @Override
    public synchronized void updateMember(ImageMember member) {
        requireNonNull(member, "member is null");
        Map<String, ImageMember> ofImage = membersOf(member.imageId());
        ImageMember current = ofImage.get(member.memberId());
        if (current == null) {
            throw noSuchMember(member.imageId(), member.memberId());
        }
        // Only the status and its time change; the creation time is the one first stored.
        ofImage.put(member.memberId(), atSecondPrecision(new ImageMember(member.imageId(), member.memberId(),
                member.status(), current.createdAt(), member.updatedAt())));
    }

    @Override
    public synchronized void deleteMember(ImageId imageId, String memberId) {
        requireNonNull(imageId, "imageId is null");
        requireNonNull(memberId, "memberId is null");
        Map<String, ImageMember> ofImage = members.get(imageId);
        if (ofImage == null || ofImage.remove(memberId) == null) {
            throw noSuchMember(imageId, memberId);
        }
    }

    @Override
    public synchronized long bytesUsed(String owner, ImageId excluding) {
        long used = 0;
        for (Image image : images.values()) {
            if (Objects.equals(image.owner(), owner) && !image.id().equals(excluding)
                    && image.size() != null && image.size() > 0 && !image.deleted()
                    && image.status() != ImageStatus.KILLED) {
                used += image.size() * image.locations().size();
            }
        }
        return used;
    }

    @Override
    public synchronized List<StatusCount> byStatus(String owner) {
        // Keyed by status and "copying" (a non-empty os_glance_importing_to_stores), like the database's rows.
        Map<String, long[]> counts = new java.util.LinkedHashMap<>();
        for (Image image : images.values()) {
            if (Objects.equals(image.owner(), owner) && !image.deleted()) {
                String copies = image.properties().get("os_glance_importing_to_stores");
                boolean copying = copies != null && !copies.isEmpty();
                long[] count = counts.computeIfAbsent(image.status().name() + "/" + copying, key -> new long[2]);
                count[0]++;
                count[1] += image.size() == null ? 0 : image.size();
            }
        }
        List<StatusCount> rows = new ArrayList<>();
        counts.forEach((key, count) -> {
            String[] parts = key.split("/");
            rows.add(new StatusCount(ImageStatus.valueOf(parts[0]), Boolean.parseBoolean(parts[1]), count[0],
                    count[1]));
        });
        return rows;
    }

    /** Every stored image including deleted ones, in creation order: for assertions in tests. */
    public synchronized List<Image> allImages() {
        return List.copyOf(images.values());
    }

    /** The stored image whatever its status, deleted included: for assertions in tests. */
    public synchronized Optional<Image> findAny(ImageId id) {
        requireNonNull(id, "id is null");
        return Optional.ofNullable(images.get(id));
    }

    private Map<String, ImageMember> membersOf(ImageId imageId) {
        return members.getOrDefault(imageId, Map.of());
    }

    private static NotFoundException noSuchMember(ImageId imageId, String memberId) {
        return new NotFoundException("Project " + memberId + " is not a member of image " + imageId);
    }

    private static Image atSecondPrecision(Image image, Instant createdAt) {
        return image.toBuilder()
                .createdAt(seconds(createdAt))
                .updatedAt(seconds(image.updatedAt()))
                .deletedAt(image.deletedAt() == null ? null : seconds(image.deletedAt()))
                .activatedAt(image.activatedAt() == null ? null : seconds(image.activatedAt()))
                .build();
    }

    private static ImageMember atSecondPrecision(ImageMember member) {
        return new ImageMember(member.imageId(), member.memberId(), member.status(), seconds(member.createdAt()),
                seconds(member.updatedAt()));
    }

    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
