package io.glance.application;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.ports.in.StagingOwner;

import java.net.URI;
import java.util.Optional;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * {@link StagingOwner} from the image's {@code os_glance_stage_host}, compared with this node's own
 * {@code worker_self_reference_url} as Glance's {@code is_proxyable} does: a recorded host that is not this node's
 * URL (also when this node has none) is another node.
 */
final class StageHostLookup implements StagingOwner {
    private static final Logger LOG = Logger.getLogger(StageHostLookup.class.getName());

    private final ImageAccess access;
    /** This node's URL, or null. */
    private final String selfUrl;

    StageHostLookup(ImageAccess access, String selfUrl) {
        this.access = requireNonNull(access, "access is null");
        this.selfUrl = selfUrl;
    }

    @Override
    public Optional<URI> stagedElsewhere(RequestContext context, ImageId id) {
        Image image;
        try {
            image = access.visible(context, id);
        } catch (NotFoundException e) {
            // The request itself answers 404 where it lands.
            return Optional.empty();
        }
        String host = image.properties().get(ImportProperties.STAGE_HOST);
        if (host == null || host.isBlank() || host.equals(selfUrl)) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(ImportSettings.checkSelfUrl(host)));
        } catch (IllegalArgumentException e) {
            // Only nodes write the property (users cannot set os_glance_*), so this is a node's misconfiguration.
            LOG.warning("Image " + id + " names a stage host that is not a URL (" + host + "); serving it here");
            return Optional.empty();
        }
    }
}
