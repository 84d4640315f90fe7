package io.glance.store.spi;

/** Facts about this SPI that the host and plugins agree on. */
public final class StoreSpi {
    /**
     * The SPI's semantic version. A plugin built against SPI {@code 1.x} declares {@code Plugin-Requires: >=1.0.0 & <2.0.0}.
     * Bump the minor version for additions, the major version for breaking changes. The one place the version is
     * written: the host announces it to PF4J (Plugin-Requires is checked against it), and
     * SpiBackwardCompatibilityTest holds every 1.x to the released 1.1.0.
     */
    public static final String VERSION = "1.9.0";

    private StoreSpi() {
    }
}
