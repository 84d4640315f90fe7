/**
 * The documents of the Registry API (Glance v1 spec §4, port 9191) as glance-registry and its client exchange them:
 * Cactus's {@code {"image": {...}}} with its field names ({@code is_public}, {@code location}, {@code properties}),
 * extended with every attribute the domain has (visibility, tags, locations, hashes) so that a remote registry can
 * stand in for the database behind {@link io.glance.ports.out.ImageRepository}, plus members and listing queries.
 * Timestamps are ISO-8601 instants with their full precision, so that an image survives the round trip unchanged.
 */
package io.glance.registry.protocol;
