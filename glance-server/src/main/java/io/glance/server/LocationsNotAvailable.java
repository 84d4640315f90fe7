package io.glance.server;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.RequestContext;
import io.glance.ports.in.ImageLocations;

/**
 * Stands in for {@link ImageLocations} until its use case (branch {@code locations}) is wired into GlanceServices:
 * API v1's {@code x-image-meta-location} is then refused with a 400 that says so, instead of being ignored.
 * Replace with {@code services.locations()} when that lands.
 */
final class LocationsNotAvailable implements ImageLocations {

    @Override
    public Image addLocation(RequestContext context, ImageId id, String url, Long expectedSize) {
        throw new InvalidInputException("Registering image data by location (" + url + ") is not available on this"
                + " server yet");
    }
}
