package io.glance.store.swift;

import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.tck.StoreDriverTck;
import io.glance.store.tck.TestingStoreContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The whole store driver TCK against a real Swift, in a fresh container per test. Segments are 1 MiB and images
 * above 1 MiB are segmented, so the TCK's 1 MiB + 1 and 64 MiB objects, and every upload of unknown length, are
 * written as Static Large Objects. Leftovers are the objects in the container plus every segment no manifest lists.
 */
class SwiftStoreDriverTckTest extends StoreDriverTck {

    private final SwiftStoreDriverFactory factory = new SwiftStoreDriverFactory();
    private SwiftTestAccount account;
    private String container;

    @Override
    protected StoreDriver createDriver(Path tmp) {
        account = account();
        container = "tck-" + UUID.randomUUID().toString().substring(0, 8);
        return reopenDriver(tmp);
    }

    /** The same account and container: createDriver would make a fresh container. */
    @Override
    protected StoreDriver reopenDriver(Path tmp) {
        return factory.create("obj", Map.of(
                        "swift_store_auth_address", account.authAddress(),
                        "swift_store_user", account.user(),
                        "swift_store_key", account.key(),
                        "swift_store_auth_version", account.authVersion(),
                        "swift_store_container", container,
                        "swift_store_create_container_on_put", "true",
                        "swift_store_large_object_size", "1",
                        "swift_store_large_object_chunk_size", "1"),
                new TestingStoreContext(tmp.resolve("work")));
    }

    /** The Swift account the driver writes to; tempauth here, Keystone v3 in the subclass. */
    protected SwiftTestAccount account() {
        return SwiftTestAccount.require();
    }

    @Override
    protected Set<StoreCapability> declaredCapabilities() {
        return factory.capabilities();
    }

    @Override
    protected List<String> listStoredNames() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (String object : account.list(container)) {
            names.add(container + "/" + object);
            listed.addAll(account.segmentsOf(container, object));
        }
        for (String segment : account.list(container + "_segments")) {
            String path = container + "_segments/" + segment;
            if (!listed.contains(path)) {
                names.add("unlisted segment " + path);
            }
        }
        return names;
    }

    @Override
    protected URI absentLocation(String imageId) {
        return new SwiftLocations(URI.create(account.authAddress()), container).locationOf(imageId);
    }
}
