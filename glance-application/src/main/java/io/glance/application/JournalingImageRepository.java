package io.glance.application;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.UploadJournal;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The image repository, noting in the {@link UploadJournal} every image this node moves into {@code saving} (after
 * the database accepted it) and out of it again. The use cases stay unaware of it.
 */
public final class JournalingImageRepository implements ImageRepository {
    private final ImageRepository delegate;
    private final UploadJournal journal;

    public JournalingImageRepository(ImageRepository delegate, UploadJournal journal) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.journal = requireNonNull(journal, "journal is null");
    }

    @Override
    public Image update(Image image, ImageStatus expectedStatus) {
        return journaled(delegate.update(image, expectedStatus), expectedStatus);
    }

    private Image journaled(Image stored, ImageStatus previousStatus) {
        if (stored.status() == ImageStatus.SAVING && previousStatus != ImageStatus.SAVING) {
            journal.started(stored);
        } else if (stored.status() != ImageStatus.SAVING && previousStatus == ImageStatus.SAVING) {
            journal.finished(stored.id());
        }
        return stored;
    }

    @Override
    public void create(Image image) {
        delegate.create(image);
    }

    @Override
    public Optional<Image> findById(ImageId id) {
        return delegate.findById(id);
    }

    @Override
    public Image updateIfUnchanged(Image read, Image changed) {
        return journaled(delegate.updateIfUnchanged(read, changed), read.status());
    }

    @Override
    public List<Image> list(ImageQuery query, RequestContext context) {
        return delegate.list(query, context);
    }
}
