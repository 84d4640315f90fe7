package io.glance.http.v1;

import io.glance.domain.InvalidInputException;
import io.glance.domain.RequestContext;
import io.glance.ports.in.StoreDescription;
import io.glance.ports.in.StoreInfo;

/**
 * {@code x-image-meta-store}. In v1 it named a store type ({@code file}, {@code swift}, {@code s3}); here a store
 * is named by its id (multi-store) or its type, and one that no configured store answers to is a 400 before anything
 * is created, as Glance refused unknown stores before it began saving.
 */
final class V1Store {

    private V1Store() {
    }

    /** @return the store id to write to, or {@code null} for the default store */
    static String resolve(StoreInfo storeInfo, RequestContext context, V1Metadata meta) {
        String requested = meta.get("store");
        if (requested == null) {
            return null;
        }
        for (StoreDescription store : storeInfo.stores(context)) {
            if (store.id().equals(requested) || store.type().equals(requested)
                    || ("filesystem".equals(requested) && "file".equals(store.type()))) {
                return store.id();
            }
        }
        throw new InvalidInputException("Requested store " + requested + " not available on this Glance server");
    }
}
