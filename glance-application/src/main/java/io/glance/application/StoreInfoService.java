package io.glance.application;

import io.glance.domain.RequestContext;
import io.glance.ports.in.StoreDescription;
import io.glance.ports.in.StoreInfo;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.StoreRegistry;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** /v2/info/stores: the configured stores, without Glance's reserved {@code os_glance_*} ones. */
final class StoreInfoService implements StoreInfo {
    private final StoreRegistry stores;
    private final ImagePolicy policy;

    StoreInfoService(StoreRegistry stores, ImagePolicy policy) {
        this.stores = requireNonNull(stores, "stores is null");
        this.policy = requireNonNull(policy, "policy is null");
    }

    @Override
    public List<StoreDescription> stores(RequestContext context) {
        requireNonNull(context, "context is null");
        return stores.stores().stream().filter(store -> !store.id().startsWith(AttributeRules.RESERVED_NAMESPACE))
                .map(StoreInfoService::describe)
                .toList();
    }

    @Override
    public List<StoreDescription> storesInDetail(RequestContext context) {
        policy.checkRule(context, "stores_info_detail", "see the stores' details");
        return stores(context);
    }

    private static StoreDescription describe(ConfiguredStore store) {
        return new StoreDescription(store.id(), store.type(), store.description(), store.isDefault(),
                store.readOnly(), store.properties());
    }

    @Override
    public boolean multiStore() {
        return stores.multiStore();
    }
}
