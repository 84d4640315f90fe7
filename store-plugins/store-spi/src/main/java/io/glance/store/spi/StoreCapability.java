package io.glance.store.spi;

/**
 * What a store can do. The host checks capabilities before it calls a driver: a driver is never asked to do what it
 * did not declare, and answers {@link UnsupportedCapabilityException} if it is.
 */
public enum StoreCapability {
    /** Whole objects can be read. */
    READ,
    /** Byte ranges can be read without reading what precedes them. */
    READ_RANGE,
    /** New objects can be written. */
    WRITE,
    /** Objects can be deleted. */
    DELETE
}
