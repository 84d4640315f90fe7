/**
 * The store driver SPI: what a third party implements to add a backend store to Glance.
 *
 * <p>A plugin jar contains one or more {@link io.glance.store.spi.StoreDriverFactory} implementations listed in
 * {@code META-INF/services/io.glance.store.spi.StoreDriverFactory}. The host finds them with
 * {@link java.util.ServiceLoader} over the plugin's class loader, which loads this package from the host
 * (parent-first) and nothing else of it. The host owns the streaming rules: it counts bytes, enforces size caps and
 * computes checksums, so drivers only move bytes.
 *
 * <p>Versioning: additions are made as default methods or new record components; the SPI version is
 * {@link io.glance.store.spi.StoreSpi#VERSION} and plugins state the range they need in their manifest
 * ({@code Plugin-Requires}).
 */
package io.glance.store.spi;
