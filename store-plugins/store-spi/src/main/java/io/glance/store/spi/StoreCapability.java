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
    DELETE,
    /**
     * The store may keep one object for several images (content-addressed storage, {@code dedup: true} in the store's
     * section). One method belongs to it, {@link StoreDriver#locationOf locationOf} (since 1.7.0): the host does
     * the bookkeeping (a reference count per content in its database, a journal replayed at start) and otherwise only
     * needs the driver's ordinary operations to keep these promises, which the TCK's dedup cases check:
     * <ul>
     *     <li>the id given to {@link StoreDriver#put put} may be any fresh UUID, not an image id: the host writes
     *     under random names so that a location never tells whose upload first brought the bytes;</li>
     *     <li>objects are independent: two objects with the same bytes are two objects (deleting one leaves the
     *     other readable), and nothing in the store ties an object's life to an image;</li>
     *     <li>a location stays valid for every driver instance over the same configuration (a restarted host reads
     *     and deletes what the previous one wrote), and starting a driver never removes a published object;</li>
     *     <li>{@link StoreDriver#locationOf locationOf(id)} is, before the write, the location {@code put(id, ...)}
     *     returns;</li>
     *     <li>{@link StoreDriver#delete delete} of an object already gone throws {@link ObjectNotFoundException}, so
     *     the host can repeat a journalled delete after a crash.</li>
     * </ul>
     * A driver declaring it must also declare {@link #READ}, {@link #WRITE} and {@link #DELETE}.
     *
     * @since 1.5.0 (hosts of earlier SPIs never see it; drivers built against them never declare it)
     */
    DEDUP,
    /**
     * The objects the store holds can be listed ({@link StoreDriver#list}), e.g. to find objects no image refers to.
     *
     * @since 1.6.0 (hosts of earlier SPIs never see it; drivers built against them never declare it)
     */
    LIST
}
