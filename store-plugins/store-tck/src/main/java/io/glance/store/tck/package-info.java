/**
 * The store driver TCK (technology compatibility kit): the contract tests every store driver runs.
 *
 * <p>A driver module depends on this library in test scope and adds one class, {@code <Name>StoreDriverTckTest},
 * extending {@link io.glance.store.tck.StoreDriverTck}. The tests are grouped by concern in interfaces with default
 * test methods; capabilities decide what each test expects (listing, added in SPI 1.6, is skipped
 * for drivers that do not declare it, after checking that they refuse it).
 */
package io.glance.store.tck;
