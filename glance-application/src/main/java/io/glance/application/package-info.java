/**
 * The use cases of the Images API v2: every interface of {@code io.glance.ports.in}, built and wired by
 * {@link io.glance.application.GlanceServices} over an {@code ImageRepository} and a {@code StoreRegistry}.
 *
 * <p>Who may do what is decided here, once, for every adapter: invisible images are 404 (never 403), images the
 * caller can see but does not own are 403 to change, status changes are conditional updates on the status read, and
 * every timestamp comes from the injected clock in whole seconds.
 *
 * <p>The upload pipeline ({@code ImageUpload}) owns the streaming rules of the store SPI: {@code UploadStream} counts
 * the bytes, enforces {@code image_size_cap} and hands the data, copied once into a few pooled buffers, to two virtual
 * threads computing md5 and sha512 side by side, so both digests cost one pass over the data on two cores and the
 * reading thread keeps the network and store I/O.
 */
package io.glance.application;
