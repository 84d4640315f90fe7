package io.glance.ports.in;

import io.glance.domain.RequestContext;

import java.util.List;

/** What /v2/info/stores shows. */
public interface StoreInfo {

    List<StoreDescription> stores(RequestContext context);

    /**
     * The stores with their type and properties (/v2/info/stores/detail), for callers the policy's
     * {@code stores_info_detail} allows (admins by default).
     *
     * @throws io.glance.domain.ForbiddenException for everybody else
     */
    List<StoreDescription> storesInDetail(RequestContext context);

    boolean multiStore();
}
