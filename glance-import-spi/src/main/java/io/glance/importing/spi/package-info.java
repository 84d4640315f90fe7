/**
 * The import plugin SPI: what a plugin listed in {@code image_import_plugins} implements ({@link
 * io.glance.importing.spi.ImportPluginFactory}, {@link io.glance.importing.spi.ImportPlugin}) and what it is given
 * ({@link io.glance.importing.spi.ImportContext}). JDK only, like the store SPI.
 */
package io.glance.importing.spi;
