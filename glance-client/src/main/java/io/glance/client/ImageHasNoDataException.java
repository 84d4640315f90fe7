package io.glance.client;

/** HTTP 204 on a download: the image exists but has no data yet (it is queued). */
public final class ImageHasNoDataException extends GlanceClientException {
    public ImageHasNoDataException(String imageId) {
        super(204, "", "Image " + imageId + " has no data");
    }
}
