package io.glance.importing.spi;

/** Facts about this SPI that the host and plugins agree on. */
public final class ImportSpi {
    /**
     * The SPI's semantic version, as for the store SPI: the minor version goes up for additions (default methods),
     * the major version for breaking changes. 1.0.0: ImportPluginFactory, ImportPlugin, ImportContext; 1.1.0:
     * {@link ImportContext#writtenUpTo}; 1.2.0: {@link ArrivingStagedData}, {@link ImportContext#arrivingStagedData},
     * {@link ImportPlugin#readsArrivingData}.
     */
    public static final String VERSION = "1.2.0";

    private ImportSpi() {
    }
}
