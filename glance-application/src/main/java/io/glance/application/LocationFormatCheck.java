package io.glance.application;

import io.glance.application.inspection.FormatInspectionSettings;
import io.glance.application.inspection.StreamingFormatCheck;
import io.glance.domain.Image;
import io.glance.domain.InvalidInputException;
import io.glance.ports.out.ConfiguredStore;
import io.glance.store.spi.ByteRange;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import static java.util.Objects.requireNonNull;

/**
 * The format check of data added by location (v2 {@code add /locations}, v1 {@code x-image-meta-location}): the first
 * MiB at most is read (a ranged read where the store has one) and inspected like uploaded data, so an image cannot
 * point at a qcow2 with a backing file, or at data of another format than its {@code disk_format}, by URL instead of
 * by upload. Every format's header lies in that MiB except a VHDX's metadata, which may lie further: such data is
 * left unjudged rather than read whole.
 */
final class LocationFormatCheck {
    static final int PREFIX = 1 << 20;

    private final FormatInspectionSettings settings;

    LocationFormatCheck(FormatInspectionSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * @throws InvalidInputException when the data at {@code uri} is refused, naming the location and why
     */
    void check(Image image, ConfiguredStore store, URI uri, String url, long size) {
        StreamingFormatCheck check = settings.checkFor(image.diskFormat(), image.containerFormat());
        int wanted = (int) Math.min(size, PREFIX);
        ByteRange range = store.supports(StoreCapability.READ_RANGE) ? new ByteRange(0, wanted) : null;
        try {
            ObjectData data = store.driver().get(uri, range);
            try (InputStream in = data.stream()) {
                byte[] prefix = in.readNBytes(wanted);
                check.feed(prefix, 0, prefix.length);
                if (prefix.length == size) {
                    check.finish();
                }
            }
        } catch (InvalidInputException e) {
            throw new InvalidInputException("The data at " + url + " is refused: " + e.getMessage(), e);
        } catch (StoreException | IOException e) {
            throw new InvalidInputException("The location " + url + " cannot be read: " + e.getMessage(), e);
        }
    }
}
