package io.glance.adapters.db;

import io.glance.domain.ConflictException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageMember;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.MemberStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.MemberRepository;
import io.glance.ports.out.ImageTally;
import io.glance.ports.out.StorageUsage;
import org.apache.ibatis.session.SqlSession;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@link ImageRepository} on MyBatis. Every method is one transaction; images are soft-deleted (their rows stay, so
 * their ids stay reserved), and status changes are conditional updates, so two requests that read the same status
 * cannot both move the image on.
 */
final class MyBatisImageRepository implements ImageRepository, MemberRepository, StorageUsage, ImageTally {
    private final Transactions transactions;
    private final ImageRowLocks rowLocks;

    MyBatisImageRepository(Transactions transactions, ImageRowLocks rowLocks) {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.rowLocks = requireNonNull(rowLocks, "rowLocks is null");
    }

    @Override
    public void create(Image image) {
        requireNonNull(image, "image is null");
        transactions.run("create image " + image.id(), session -> {
            try {
                session.getMapper(ImageMapper.class).insert(ImageRows.toRow(image));
            } catch (RuntimeException e) {
                if (DatabaseFailures.isDuplicateKey(e)) {
                    throw new ConflictException("Image with identifier " + image.id() + " already exists", e);
                }
                throw e;
            }
            ImageChildren.insert(session.getMapper(ImageChildMapper.class), image);
            return null;
        });
    }

    @Override
    public long bytesUsed(String owner, ImageId excluding) {
        return transactions.run("sum the storage of owner " + owner, session -> session.getMapper(ImageMapper.class)
                .sumStorage(owner, excluding == null ? null : excluding.value()));
    }

    @Override
    public List<StatusCount> byStatus(String owner) {
        requireNonNull(owner, "owner is null");
        return transactions.run("count the images of owner " + owner, session -> session.getMapper(ImageMapper.class)
                .tallyByStatus(owner).stream()
                .map(row -> new StatusCount(ImageStatus.fromWire(row.status()), row.copying(), row.images(),
                        row.bytes()))
                .toList());
    }

    @Override
    public Optional<Image> findById(ImageId id) {
        requireNonNull(id, "id is null");
        return transactions.run("find image " + id, session -> {
            JdbcImageRows rows = new JdbcImageRows(session);
            ImageRow row = rows.live(id.value());
            if (row == null) {
                return Optional.empty();
            }
            return Optional.of(ImageChildren.attach(rows, List.of(row)).get(0));
        });
    }

    @Override
    public Image update(Image image, ImageStatus expectedStatus) {
        requireNonNull(image, "image is null");
        requireNonNull(expectedStatus, "expectedStatus is null");
        return rowLocks.holding(image.id().value(), () -> transactions.run("update image " + image.id(), session -> {
            ImageMapper images = session.getMapper(ImageMapper.class);
            String id = image.id().value();
            if (images.updateIfStatus(ImageRows.toRow(image), expectedStatus.wireName()) == 0) {
                throw whyNotUpdated(images.selectAny(id), image.id(), expectedStatus);
            }
            ImageChildMapper children = session.getMapper(ImageChildMapper.class);
            ImageChildren.replace(children, image);
            return ImageChildren.attach(children, List.of(images.selectAny(id))).get(0);
        }));
    }

    @Override
    public Image updateIfUnchanged(Image read, Image changed) {
        requireNonNull(read, "read is null");
        requireNonNull(changed, "changed is null");
        if (!read.id().equals(changed.id())) {
            throw new IllegalArgumentException("Cannot replace image " + read.id() + " with image " + changed.id());
        }
        return rowLocks.holding(read.id().value(), () -> transactions.run("update image " + read.id(), session -> {
            ImageMapper images = session.getMapper(ImageMapper.class);
            ImageChildMapper children = session.getMapper(ImageChildMapper.class);
            String id = read.id().value();
            // The row lock (on H2 also rowLocks, as its FOR UPDATE lets a second writer in now and then) makes compare
            // and write one step: whoever changes this image holds it until commit, so
            // the children read below are the committed ones of the locked version.
            ImageRow row = images.selectLiveForUpdate(id);
            if (row == null) {
                throw new NotFoundException("No image found with ID " + read.id());
            }
            Image current = ImageChildren.attach(children, List.of(row)).get(0);
            if (!current.equals(read)) {
                throw new ConflictException("Image " + read.id() + " was changed by another request since it was"
                        + " read (updated at " + current.updatedAt() + ", " + current.status().wireName() + ")");
            }
            images.updateIfStatus(ImageRows.toRow(changed), row.status());
            ImageChildren.replace(children, changed);
            return ImageChildren.attach(children, List.of(images.selectAny(id))).get(0);
        }));
    }

    /** The conditional update matched no row: either there is no live image, or its status moved on. */
    private static RuntimeException whyNotUpdated(ImageRow current, ImageId id, ImageStatus expectedStatus) {
        if (current == null || current.deleted()) {
            return new NotFoundException("No image found with ID " + id);
        }
        return new ConflictException("Image " + id + " is " + current.status() + ", not " + expectedStatus.wireName()
                + ": another request changed it first");
    }

    @Override
    public List<Image> list(ImageQuery query, RequestContext context) {
        requireNonNull(query, "query is null");
        requireNonNull(context, "context is null");
        return transactions.run("list images", session -> {
            ListFilters filters = ListFilters.of(query.filters());
            ListOrder order = ListOrder.of(query.sort());
            List<List<ListOrder.KeysetCondition>> afterMarker = query.marker() == null ? null
                    : order.after(visibleMarker(session, query.marker(), context));
            if (filters.matchesNothing() || query.limit() == 0) {
                return List.of();
            }
            ListStatement statement = new ListStatement(VisibilityScope.of(query, context), query.osHidden(), filters,
                    afterMarker, order.terms(), query.limit());
            JdbcImageRows jdbc = new JdbcImageRows(session);
            return ImageChildren.attach(jdbc, jdbc.page(statement));
        });
    }

    /**
     * The marker's row, if the caller may see it. Like Glance, a deleted marker still counts (it keeps its place in
     * the order), so paging on does not fail when the last image of a page was deleted in between.
     */
    private static ImageRow visibleMarker(SqlSession session, ImageId marker, RequestContext context) {
        ImageRow row = session.getMapper(ImageMapper.class).selectAny(marker.value());
        if (row == null || !ImageRows.toImage(row).isVisibleTo(context, membership(session, marker, context))) {
            throw new InvalidInputException("Invalid marker: image " + marker + " could not be found");
        }
        return row;
    }

    private static MemberStatus membership(SqlSession session, ImageId imageId, RequestContext context) {
        if (context.projectId() == null) {
            return null;
        }
        MemberRow row = session.getMapper(ImageMemberMapper.class).select(imageId.value(), context.projectId());
        return row == null ? null : MemberStatus.fromWire(row.status());
    }

    @Override
    public void addMember(ImageMember member) {
        requireNonNull(member, "member is null");
        transactions.run("add member " + member.memberId() + " to image " + member.imageId(), session -> {
            try {
                session.getMapper(ImageMemberMapper.class).insert(ImageRows.toRow(member));
            } catch (RuntimeException e) {
                if (DatabaseFailures.isDuplicateKey(e)) {
                    throw new ConflictException("Project " + member.memberId() + " is already a member of image "
                            + member.imageId(), e);
                }
                if (DatabaseFailures.isMissingParent(e)) {
                    throw new NotFoundException("No image found with ID " + member.imageId(), e);
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public Optional<ImageMember> findMember(ImageId imageId, String memberId) {
        requireNonNull(imageId, "imageId is null");
        requireNonNull(memberId, "memberId is null");
        return transactions.run("find member " + memberId + " of image " + imageId, session -> Optional
                .ofNullable(session.getMapper(ImageMemberMapper.class).select(imageId.value(), memberId))
                .map(ImageRows::toMember));
    }

    @Override
    public List<ImageMember> listMembers(ImageId imageId) {
        requireNonNull(imageId, "imageId is null");
        return transactions.run("list members of image " + imageId, session -> session
                .getMapper(ImageMemberMapper.class).selectAll(imageId.value()).stream()
                .map(ImageRows::toMember)
                .toList());
    }

    @Override
    public void updateMember(ImageMember member) {
        requireNonNull(member, "member is null");
        transactions.run("update member " + member.memberId() + " of image " + member.imageId(), session -> {
            if (session.getMapper(ImageMemberMapper.class).updateStatus(ImageRows.toRow(member)) == 0) {
                throw noSuchMember(member.imageId(), member.memberId());
            }
            return null;
        });
    }

    @Override
    public void deleteMember(ImageId imageId, String memberId) {
        requireNonNull(imageId, "imageId is null");
        requireNonNull(memberId, "memberId is null");
        transactions.run("delete member " + memberId + " of image " + imageId, session -> {
            if (session.getMapper(ImageMemberMapper.class).delete(imageId.value(), memberId) == 0) {
                throw noSuchMember(imageId, memberId);
            }
            return null;
        });
    }

    private static NotFoundException noSuchMember(ImageId imageId, String memberId) {
        return new NotFoundException("Project " + memberId + " is not a member of image " + imageId);
    }
}
