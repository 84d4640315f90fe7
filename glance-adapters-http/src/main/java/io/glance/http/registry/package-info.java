/**
 * The Registry API of glance-registry (Glance v1 spec §4, port 9191) over the repository port: Cactus's image
 * documents and answers, Diablo's listing parameters, and the extensions a remote repository needs (exact listing
 * queries, members, conditional and optimistic updates). It exposes the outbound port itself, not a use case: the
 * registry is where metadata is kept, and glance-api's use cases run on the other side of it.
 */
package io.glance.http.registry;
