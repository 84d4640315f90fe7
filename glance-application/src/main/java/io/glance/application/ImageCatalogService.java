package io.glance.application;

import io.glance.application.ImagePolicy.ImageRule;
import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import io.glance.ports.in.CreateImageCommand;
import io.glance.ports.in.ImageCatalog;
import io.glance.ports.in.PatchOperation;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/** Image metadata use cases: create (§2.2), show and list (§2.1), PATCH (§3) and delete. */
final class ImageCatalogService implements ImageCatalog {
    private final ImageRepository repository;
    private final ImageAccess access;
    private final StoredData storedData;
    private final Clock clock;
    private final Quotas quotas;
    private final Consumer<ImageId> stagedDataRemoval;
    private final boolean delayedDelete;

    ImageCatalogService(ImageRepository repository, ImageAccess access, StoredData storedData, Clock clock,
                        Quotas quotas) {
        this(repository, access, storedData, clock, quotas, id -> { });
    }

    /** @param stagedDataRemoval removes an image's staged data (import), after the image was deleted */
    ImageCatalogService(ImageRepository repository, ImageAccess access, StoredData storedData, Clock clock,
                        Quotas quotas, Consumer<ImageId> stagedDataRemoval) {
        this(repository, access, storedData, clock, quotas, stagedDataRemoval, false);
    }

    /** @param delayedDelete {@code delayed_delete}: images with data go to pending_delete, their data kept */
    ImageCatalogService(ImageRepository repository, ImageAccess access, StoredData storedData, Clock clock,
                        Quotas quotas, Consumer<ImageId> stagedDataRemoval, boolean delayedDelete) {
        this.delayedDelete = delayedDelete;
        this.stagedDataRemoval = requireNonNull(stagedDataRemoval, "stagedDataRemoval is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.access = requireNonNull(access, "access is null");
        this.storedData = requireNonNull(storedData, "storedData is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    @Override
    public Image create(RequestContext context, CreateImageCommand command) {
        requireNonNull(context, "context is null");
        requireNonNull(command, "command is null");
        for (String key : command.properties().keySet()) {
            AttributeRules.checkPropertyKey(key);
            access.properties().checkCreate(context, key);
        }
        quotas.checkProperties(Set.of(), command.properties().keySet());
        Visibility visibility = command.visibility() == null ? Visibility.SHARED : command.visibility();
        access.policy().checkCreate(context, command.ownerGiven() ? command.owner() : context.projectId(),
                visibility);
        String owner = owner(context, command);
        quotas.checkNewImage(context);
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : command.tags()) {
            AttributeRules.checkTag(tag);
            tags.add(tag);
        }
        quotas.checkTags(0, tags.size());
        Instant now = Timestamps.now(clock);
        Image image = Image.newImage(command.id() == null ? ImageId.random() : command.id(), now)
                .name(command.name())
                .visibility(visibility)
                .isProtected(Boolean.TRUE.equals(command.isProtected()))
                .osHidden(Boolean.TRUE.equals(command.osHidden()))
                .owner(owner)
                .minDisk(nonNegative("min_disk", command.minDisk()))
                .minRam(nonNegative("min_ram", command.minRam()))
                .diskFormat(command.diskFormat())
                .containerFormat(command.containerFormat())
                .tags(tags)
                .properties(command.properties())
                .build();
        repository.create(image);
        return access.properties().view(context, image);
    }

    /** The caller's project unless another owner was given, which only admins may do. */
    private static String owner(RequestContext context, CreateImageCommand command) {
        if (!command.ownerGiven() || Objects.equals(command.owner(), context.projectId())) {
            return context.projectId();
        }
        if (!context.admin()) {
            throw new ForbiddenException("You are not permitted to create images owned by '" + command.owner()
                    + "'.");
        }
        return command.owner();
    }

    private static int nonNegative(String attribute, Integer value) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            throw new InvalidInputException("Invalid value for '" + attribute + "': " + value + " (must be >= 0)");
        }
        return value;
    }

    @Override
    public Image show(RequestContext context, ImageId id) {
        return access.properties().view(context, access.visible(context, id));
    }

    @Override
    public List<Image> list(RequestContext context, ImageQuery query) {
        requireNonNull(context, "context is null");
        requireNonNull(query, "query is null");
        access.policy().checkList(context);
        return access.properties().view(context, repository.list(query, context));
    }

    @Override
    public Image update(RequestContext context, ImageId id, List<PatchOperation> operations) {
        requireNonNull(operations, "operations is null");
        Image image = access.owned(context, id, ImageRule.MODIFY_IMAGE);
        if (operations.isEmpty()) {
            return access.properties().view(context, image);
        }
        // A lost race re-applies the operations to the new version: concurrent PATCHes of different attributes
        // are all kept, and each operation's rules are checked against the version it is applied to.
        Image updated = OptimisticUpdate.apply(repository, image,
                () -> access.owned(context, id, ImageRule.MODIFY_IMAGE),
                current -> new ImagePatch(context, current, access.policy(), quotas, access.properties())
                        .apply(operations, Timestamps.now(clock)));
        return access.properties().view(context, updated);
    }

    @Override
    public void delete(RequestContext context, ImageId id) {
        Image deleted;
        try {
            // When the status moves on meanwhile (an upload finished or failed), the rules decide again on the new one.
            deleted = OptimisticUpdate.apply(repository, () -> access.owned(context, id, ImageRule.DELETE_IMAGE),
                    image -> {
                        if (!image.status().canMoveTo(ImageStatus.DELETED)) {
                            throw new InvalidInputException("Image " + id + " cannot be deleted in status "
                                    + image.status().wireName());
                        }
                        if (delayedDelete && !image.locations().isEmpty()
                                && image.status().canMoveTo(ImageStatus.PENDING_DELETE)) {
                            return image.markPendingDelete(Timestamps.now(clock));
                        }
                        return image.markDeleted(Timestamps.now(clock));
                    });
        } catch (NotFoundException e) {
            throw ImageAccess.notFound(id);
        }
        if (deleted.status() == ImageStatus.PENDING_DELETE) {
            // The scrubber removes the data after scrub_time; until then glance-manage can restore the image.
            stagedDataRemoval.accept(id);
            return;
        }
        storedData.deleteAll(id, deleted.locations());
        stagedDataRemoval.accept(id);
    }
}
