package io.glance.application;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;
import io.glance.ports.in.ImageData;
import io.glance.ports.in.ImageDownload;
import io.glance.ports.in.RangeRequest;

import java.io.InputStream;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@link ImageData}: uploads through {@link ImageUpload}, downloads through {@link ImageDownloads}, removal from one
 * store through {@link StoreLocationRemoval}.
 */
final class ImageDataService implements ImageData {
    private final ImageUpload uploads;
    private final ImageDownloads downloads;
    private final StoreLocationRemoval removals;

    ImageDataService(ImageUpload uploads, ImageDownloads downloads, StoreLocationRemoval removals) {
        this.uploads = requireNonNull(uploads, "uploads is null");
        this.downloads = requireNonNull(downloads, "downloads is null");
        this.removals = requireNonNull(removals, "removals is null");
    }

    @Override
    public Image upload(RequestContext context, ImageId id, InputStream data, long declaredLength, String storeId) {
        return uploads.upload(context, id, data, declaredLength, storeId);
    }

    @Override
    public Optional<ImageDownload> download(RequestContext context, ImageId id, RangeRequest range) {
        return downloads.download(context, id, range);
    }

    @Override
    public Image downloadable(RequestContext context, ImageId id) {
        return downloads.downloadable(context, id);
    }

    @Override
    public Optional<ImageDownload> open(Image downloadable, RangeRequest range) {
        return downloads.open(downloadable, range);
    }

    @Override
    public void deleteFromStore(RequestContext context, ImageId id, String storeId) {
        removals.deleteFromStore(context, id, storeId);
    }
}
