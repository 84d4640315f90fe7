package io.glance.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An image's metadata with every Glance v2 attribute (§4). Immutable: every change returns a new instance through
 * {@link #toBuilder()}, so a repository can compare the version it read with the one it writes.
 * Timestamps are passed in by the caller; the domain never reads a clock.
 */
public final class Image {
    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_TAG_LENGTH = 255;
    public static final int MAX_PROPERTY_KEY_LENGTH = 255;

    private final ImageId id;
    private final String name;
    private final ImageStatus status;
    private final Visibility visibility;
    private final boolean isProtected;
    private final boolean osHidden;
    private final String owner;
    private final Long size;
    private final Long virtualSize;
    private final ImageChecksums checksums;
    private final String diskFormat;
    private final String containerFormat;
    private final int minDisk;
    private final int minRam;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Instant deletedAt;
    private final Instant activatedAt;
    private final Set<String> tags;
    private final Map<String, String> properties;
    private final List<ImageLocation> locations;

    private Image(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id is null");
        this.status = Objects.requireNonNull(b.status, "status is null");
        this.visibility = Objects.requireNonNull(b.visibility, "visibility is null");
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt is null");
        this.updatedAt = Objects.requireNonNull(b.updatedAt, "updatedAt is null");
        if (b.name != null && b.name.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("Invalid name: longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (b.minDisk < 0) {
            throw new InvalidInputException("Invalid min_disk: " + b.minDisk + " (must be >= 0)");
        }
        if (b.minRam < 0) {
            throw new InvalidInputException("Invalid min_ram: " + b.minRam + " (must be >= 0)");
        }
        for (String tag : b.tags) {
            if (tag == null || tag.length() > MAX_TAG_LENGTH) {
                throw new InvalidInputException("Invalid tag: " + tag + " (at most " + MAX_TAG_LENGTH + " characters)");
            }
        }
        for (Map.Entry<String, String> property : b.properties.entrySet()) {
            String key = property.getKey();
            if (key == null || key.isEmpty() || key.length() > MAX_PROPERTY_KEY_LENGTH) {
                throw new InvalidInputException("Invalid property name: '" + key + "' (1 to 255 characters)");
            }
            Objects.requireNonNull(property.getValue(), "value of property " + key + " is null");
        }
        this.name = b.name;
        this.isProtected = b.isProtected;
        this.osHidden = b.osHidden;
        this.owner = b.owner;
        this.size = b.size;
        this.virtualSize = b.virtualSize;
        this.checksums = b.checksums;
        this.diskFormat = ImageFormats.checkDiskFormat(b.diskFormat);
        this.containerFormat = ImageFormats.checkContainerFormat(b.containerFormat);
        this.minDisk = b.minDisk;
        this.minRam = b.minRam;
        this.deletedAt = b.deletedAt;
        this.activatedAt = b.activatedAt;
        this.tags = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.tags));
        this.properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.locations = List.copyOf(b.locations);
    }

    /** A new image in {@code queued}, as POST /v2/images creates it. */
    public static Builder newImage(ImageId id, Instant now) {
        return new Builder().id(id).status(ImageStatus.QUEUED).visibility(Visibility.SHARED).createdAt(now).updatedAt(now);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().id(id).name(name).status(status).visibility(visibility).isProtected(isProtected)
                .osHidden(osHidden).owner(owner).size(size).virtualSize(virtualSize).checksums(checksums)
                .diskFormat(diskFormat).containerFormat(containerFormat).minDisk(minDisk).minRam(minRam)
                .createdAt(createdAt).updatedAt(updatedAt).deletedAt(deletedAt).activatedAt(activatedAt).tags(tags)
                .properties(properties).locations(locations);
    }

    // ---- rules -------------------------------------------------------------------------------------------

    /** Whether the caller may see this image at all; {@code callerMembership} is the caller's member row, if any. */
    public boolean isVisibleTo(RequestContext context, MemberStatus callerMembership) {
        if (context.admin() || owner == null || Objects.equals(owner, context.projectId())) {
            return true;
        }
        return switch (visibility) {
            case PUBLIC, COMMUNITY -> true;
            case SHARED -> callerMembership != null;
            case PRIVATE -> false;
        };
    }

    /** The change PUT /file makes first: {@code queued → saving}; needs both formats. */
    public Image startUpload(Instant now) {
        return startUpload(now, true);
    }

    /**
     * {@code queued → saving}. API v2 needs both formats first; API v1 (Diablo) accepts data for an image without
     * them, so its callers pass {@code requireFormats = false}.
     */
    public Image startUpload(Instant now, boolean requireFormats) {
        if (status != ImageStatus.QUEUED) {
            throw new ConflictException("Image " + id + " is " + status.wireName()
                    + "; data can only be uploaded to a queued image");
        }
        if (requireFormats) {
            requireFormats();
        }
        return toBuilder().status(ImageStatus.SAVING).updatedAt(now).build();
    }

    /**
     * {@code queued|saving → killed}: API v1's end for an image whose upload failed. Its data attributes are reset
     * because the data was removed; only a delete leaves this status.
     */
    public Image kill(Instant now) {
        requireTransition(ImageStatus.KILLED);
        return toBuilder().status(ImageStatus.KILLED).size(null).virtualSize(null).checksums(null)
                .locations(List.of()).activatedAt(null).updatedAt(now).build();
    }

    /** {@code saving → active} with what the store wrote. */
    public Image completeUpload(long dataSize, ImageChecksums digests, ImageLocation location, Instant now) {
        requireTransition(ImageStatus.ACTIVE);
        return toBuilder().status(ImageStatus.ACTIVE).size(dataSize).checksums(digests)
                .locations(List.of(location)).activatedAt(now).updatedAt(now).build();
    }

    /**
     * Points the image at data that already lives at {@code location} (v1 {@code x-image-meta-location}, v2 PATCH
     * {@code add /locations}): a queued image becomes active with {@code dataSize} and no checksum, never passing
     * through {@code saving}; an active image gets one more location for the same bytes.
     *
     * @throws ConflictException     when the image is neither queued nor active
     * @throws InvalidInputException when the image already has this location, or an active image's size differs
     */
    public Image addLocation(ImageLocation location, long dataSize, Instant now) {
        Objects.requireNonNull(location, "location is null");
        for (ImageLocation existing : locations) {
            if (existing.url().equals(location.url())) {
                throw new InvalidInputException("Image " + id + " already has the location " + location.url());
            }
        }
        if (status == ImageStatus.QUEUED) {
            return toBuilder().status(ImageStatus.ACTIVE).size(dataSize).checksums(null)
                    .locations(List.of(location)).activatedAt(now).updatedAt(now).build();
        }
        if (status != ImageStatus.ACTIVE) {
            throw new ConflictException("Image " + id + " is " + status.wireName()
                    + "; locations can only be added to a queued or active image");
        }
        if (size != null && size != dataSize) {
            throw new InvalidInputException("The data at " + location.url() + " holds " + dataSize
                    + " bytes, but image " + id + " holds " + size);
        }
        List<ImageLocation> more = new ArrayList<>(locations);
        more.add(location);
        return toBuilder().locations(more).updatedAt(now).build();
    }

    /**
     * Removes one location of an active image (v2 PATCH {@code remove /locations/<n>}); its data is the caller's to
     * delete. The last location cannot go: an active image without data would be a lie (Glance answers 403 too).
     */
    public Image removeLocation(int index, Instant now) {
        if (status != ImageStatus.ACTIVE) {
            throw new ConflictException("Image " + id + " is " + status.wireName()
                    + "; locations can only be removed from an active image");
        }
        if (index < 0 || index >= locations.size()) {
            throw new InvalidInputException("Image " + id + " has no location " + index + " (it has "
                    + locations.size() + ")");
        }
        if (locations.size() == 1) {
            throw new ForbiddenException("Cannot remove the last location of image " + id);
        }
        List<ImageLocation> fewer = new ArrayList<>(locations);
        fewer.remove(index);
        return toBuilder().locations(fewer).updatedAt(now).build();
    }

    /** {@code saving → queued} after a failed upload: the data attributes are reset, as Glance does. */
    public Image abortUpload(Instant now) {
        requireTransition(ImageStatus.QUEUED);
        return toBuilder().status(ImageStatus.QUEUED).size(null).virtualSize(null).checksums(null)
                .locations(List.of()).activatedAt(null).updatedAt(now).build();
    }

    /**
     * {@code queued → uploading}: PUT /stage starts writing the data into the staging area (Glance moves the status
     * before the first byte, so a second stage or an upload gets a 409).
     */
    public Image startStaging(Instant now) {
        if (status != ImageStatus.QUEUED) {
            throw new ConflictException("Image " + id + " is " + status.wireName()
                    + "; data can only be staged for a queued image");
        }
        return toBuilder().status(ImageStatus.UPLOADING).updatedAt(now).build();
    }

    /** The staged data is complete: the image stays {@code uploading} and records its size. */
    public Image staged(long dataSize, Instant now) {
        if (status != ImageStatus.UPLOADING) {
            throw new ConflictException("Image " + id + " is " + status.wireName() + "; it is not being staged");
        }
        return toBuilder().size(dataSize).updatedAt(now).build();
    }

    /** {@code uploading|importing → queued} after a failed stage or import: the data attributes are reset. */
    public Image returnToQueued(Instant now) {
        requireTransition(ImageStatus.QUEUED);
        return toBuilder().status(ImageStatus.QUEUED).size(null).virtualSize(null).checksums(null)
                .locations(List.of()).activatedAt(null).updatedAt(now).build();
    }

    /**
     * One store received the imported data: the location is added (an active image, as copy-image's, just gains
     * it), and with {@code activate} an {@code importing} image becomes {@code active} with size and digests.
     */
    public Image importedTo(ImageLocation location, long dataSize, ImageChecksums digests, boolean activate,
                            Instant now) {
        Objects.requireNonNull(location, "location is null");
        if (status != ImageStatus.IMPORTING && status != ImageStatus.ACTIVE) {
            throw new ConflictException("Image " + id + " is " + status.wireName()
                    + "; imported data can only be added to an importing or active image");
        }
        List<ImageLocation> more = new ArrayList<>(locations);
        more.removeIf(existing -> existing.url().equals(location.url()));
        more.add(location);
        Builder next = toBuilder().locations(more).updatedAt(now);
        if (status == ImageStatus.IMPORTING) {
            next.size(dataSize).checksums(digests);
            if (activate) {
                next.status(ImageStatus.ACTIVE).activatedAt(now);
            }
        }
        return next.build();
    }

    /** active → deactivated; a no-op when already deactivated; 403 from any other status. */
    public Image deactivate(Instant now) {
        if (status == ImageStatus.DEACTIVATED) {
            return this;
        }
        if (status != ImageStatus.ACTIVE) {
            throw new ForbiddenException("Not allowed to deactivate image " + id + " in status " + status.wireName());
        }
        return toBuilder().status(ImageStatus.DEACTIVATED).updatedAt(now).build();
    }

    /** deactivated → active; a no-op when already active; 403 from any other status. */
    public Image reactivate(Instant now) {
        if (status == ImageStatus.ACTIVE) {
            return this;
        }
        if (status != ImageStatus.DEACTIVATED) {
            throw new ForbiddenException("Not allowed to reactivate image " + id + " in status " + status.wireName());
        }
        return toBuilder().status(ImageStatus.ACTIVE).updatedAt(now).build();
    }

    /** Soft delete; {@code protected} images refuse with 403. */
    public Image markDeleted(Instant now) {
        if (isProtected) {
            throw new ForbiddenException("Image " + id + " is protected and cannot be deleted");
        }
        return toBuilder().status(ImageStatus.DELETED).deletedAt(now).updatedAt(now).build();
    }

    /**
     * Glance's {@code delayed_delete}: an image with data goes to {@code pending_delete} instead of {@code deleted};
     * it counts as deleted (no API shows it) while its data stays until the scrubber removes it, and until then
     * {@link #restoreFromPendingDelete} can bring it back.
     */
    public Image markPendingDelete(Instant now) {
        if (isProtected) {
            throw new ForbiddenException("Image " + id + " is protected and cannot be deleted");
        }
        requireTransition(ImageStatus.PENDING_DELETE);
        return toBuilder().status(ImageStatus.PENDING_DELETE).deletedAt(now).updatedAt(now).build();
    }

    /** {@code pending_delete → active}: the delete is undone before the scrubber removed the data. */
    public Image restoreFromPendingDelete(Instant now) {
        requireTransition(ImageStatus.ACTIVE);
        return toBuilder().status(ImageStatus.ACTIVE).deletedAt(null).updatedAt(now).build();
    }

    private void requireFormats() {
        if (diskFormat == null || containerFormat == null) {
            throw new InvalidInputException("Image " + id + " needs both disk_format and container_format before data"
                    + " can be uploaded (disk_format=" + diskFormat + ", container_format=" + containerFormat + ")");
        }
    }

    private void requireTransition(ImageStatus target) {
        if (!status.canMoveTo(target)) {
            throw new ConflictException("Image " + id + " cannot move from " + status.wireName() + " to "
                    + target.wireName());
        }
    }

    // ---- accessors ---------------------------------------------------------------------------------------

    public ImageId id() { return id; }
    public String name() { return name; }
    public ImageStatus status() { return status; }
    public Visibility visibility() { return visibility; }
    public boolean isProtected() { return isProtected; }
    public boolean osHidden() { return osHidden; }
    public String owner() { return owner; }
    public Long size() { return size; }
    public Long virtualSize() { return virtualSize; }
    /** The digests, or {@code null} while the image has no data. */
    public ImageChecksums checksums() { return checksums; }
    public String diskFormat() { return diskFormat; }
    public String containerFormat() { return containerFormat; }
    public int minDisk() { return minDisk; }
    public int minRam() { return minRam; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public Instant deletedAt() { return deletedAt; }
    /**
     * When the data became active (upload completed or first location registered), or {@code null} while the image
     * has none. Unlike {@code updatedAt} it does not move with metadata changes or (de)activation, which is what
     * makes it the {@code Last-Modified} of the data: the bytes never change once active.
     */
    public Instant activatedAt() { return activatedAt; }
    /** Deleted for every API: {@code deleted}, or {@code pending_delete} until the scrubber is done with it. */
    public boolean deleted() { return status == ImageStatus.DELETED || status == ImageStatus.PENDING_DELETE; }
    public Set<String> tags() { return tags; }
    public Map<String, String> properties() { return properties; }
    public List<ImageLocation> locations() { return locations; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image other && id.equals(other.id) && status == other.status
                && visibility == other.visibility && isProtected == other.isProtected && osHidden == other.osHidden
                && minDisk == other.minDisk && minRam == other.minRam && Objects.equals(name, other.name)
                && Objects.equals(owner, other.owner) && Objects.equals(size, other.size)
                && Objects.equals(virtualSize, other.virtualSize) && Objects.equals(checksums, other.checksums)
                && Objects.equals(diskFormat, other.diskFormat)
                && Objects.equals(containerFormat, other.containerFormat)
                && createdAt.equals(other.createdAt) && updatedAt.equals(other.updatedAt)
                && Objects.equals(deletedAt, other.deletedAt) && Objects.equals(activatedAt, other.activatedAt)
                && tags.equals(other.tags)
                && properties.equals(other.properties) && locations.equals(other.locations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, status, updatedAt);
    }

    @Override
    public String toString() {
        return "Image[" + id + ", " + status.wireName() + ", name=" + name + "]";
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private ImageId id;
        private String name;
        private ImageStatus status;
        private Visibility visibility;
        private boolean isProtected;
        private boolean osHidden;
        private String owner;
        private Long size;
        private Long virtualSize;
        private ImageChecksums checksums;
        private String diskFormat;
        private String containerFormat;
        private int minDisk;
        private int minRam;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant deletedAt;
        private Instant activatedAt;
        private Set<String> tags = new LinkedHashSet<>();
        private Map<String, String> properties = new LinkedHashMap<>();
        private List<ImageLocation> locations = new ArrayList<>();

        private Builder() {
        }

        public Builder id(ImageId value) { this.id = value; return this; }
        public Builder name(String value) { this.name = value; return this; }
        public Builder status(ImageStatus value) { this.status = value; return this; }
        public Builder visibility(Visibility value) { this.visibility = value; return this; }
        public Builder isProtected(boolean value) { this.isProtected = value; return this; }
        public Builder osHidden(boolean value) { this.osHidden = value; return this; }
        public Builder owner(String value) { this.owner = value; return this; }
        public Builder size(Long value) { this.size = value; return this; }
        public Builder virtualSize(Long value) { this.virtualSize = value; return this; }
        public Builder checksums(ImageChecksums value) { this.checksums = value; return this; }
        public Builder diskFormat(String value) { this.diskFormat = value; return this; }
        public Builder containerFormat(String value) { this.containerFormat = value; return this; }
        public Builder minDisk(int value) { this.minDisk = value; return this; }
        public Builder minRam(int value) { this.minRam = value; return this; }
        public Builder createdAt(Instant value) { this.createdAt = value; return this; }
        public Builder updatedAt(Instant value) { this.updatedAt = value; return this; }
        public Builder deletedAt(Instant value) { this.deletedAt = value; return this; }
        public Builder activatedAt(Instant value) { this.activatedAt = value; return this; }
        public Builder tags(Set<String> value) { this.tags = new LinkedHashSet<>(value); return this; }
        public Builder properties(Map<String, String> value) { this.properties = new LinkedHashMap<>(value); return this; }
        public Builder locations(List<ImageLocation> value) { this.locations = new ArrayList<>(value); return this; }

        public Image build() {
            return new Image(this);
        }
    }
}
