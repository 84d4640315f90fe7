/**
 * Hand-written in-memory fakes of the outbound ports, for the tests of other modules: an
 * {@link io.glance.testing.InMemoryImageRepository} that behaves like the database adapter (conditional updates,
 * reserved ids, the full listing rules), an {@link io.glance.testing.InMemoryStoreDriver} and an
 * {@link io.glance.testing.InMemoryStoreRegistry}. They live in {@code src/main} so that any module can depend on
 * them in {@code test} scope; no production code may.
 */
package io.glance.testing;
