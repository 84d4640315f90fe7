package io.glance.ports.in;

import io.glance.domain.RequestContext;
import io.glance.ports.out.ConfiguredStore;

import java.util.List;

/** What /v2/info/stores shows. */
public interface StoreInfo {

    List<ConfiguredStore> stores(RequestContext context);

    boolean multiStore();
}
