package io.glance.ports.in;

import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;

/** POST /v2/images/{id}/actions/deactivate and /reactivate. */
public interface ImageActivation {

    void deactivate(RequestContext context, ImageId id);

    void reactivate(RequestContext context, ImageId id);
}
