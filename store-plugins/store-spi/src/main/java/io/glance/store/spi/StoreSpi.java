package io.glance.store.spi;

/** Facts about this SPI that the host and plugins agree on. */
public final class StoreSpi {
    /**
     * The SPI's semantic version. A plugin built against SPI {@code 1.x} declares {@code Plugin-Requires: >=1.0.0 & <2.0.0}.
     * Bump the minor version for additions, the major version for breaking changes.
     */
    public static final String VERSION = "1.2.0";

    private StoreSpi() {
    }
}
