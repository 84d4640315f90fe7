package io.glance.store.spi;

/** The operation needs a {@link StoreCapability} the store did not declare. */
public class UnsupportedCapabilityException extends StoreException {
    private final StoreCapability capability;

    public UnsupportedCapabilityException(String storeId, StoreCapability capability) {
        super("Store " + storeId + " does not support " + capability, null);
        this.capability = capability;
    }

    public StoreCapability capability() {
        return capability;
    }

    @Override
    public String code() {
        return "STORE_UNSUPPORTED_" + capability;
    }

    @Override
    public Category category() {
        return Category.USER;
    }
}
