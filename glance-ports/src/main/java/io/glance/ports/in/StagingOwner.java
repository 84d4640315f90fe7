package io.glance.ports.in;

import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;

import java.net.URI;
import java.util.Optional;

/**
 * Multi-node staging (Glance's "distributed image import"): staged data lives on the node that received it, which
 * records its {@code worker_self_reference_url} on the image ({@code os_glance_stage_host}). A request that needs
 * that data (a glance-direct import, a delete, a resumable upload's next chunk) and lands on another node is
 * forwarded to the node named here, with the caller's own credentials.
 */
public interface StagingOwner {

    /** For deployments whose nodes share the staging directory: every request is served where it lands. */
    StagingOwner LOCAL = (context, id) -> Optional.empty();

    /**
     * The base URL of the node that holds the staged data of image {@code id} when that is another node than this
     * one; empty when the image is not visible to the caller, nothing is staged, no node recorded itself, or this
     * node holds the data.
     */
    Optional<URI> stagedElsewhere(RequestContext context, ImageId id);
}
