package com.example.glance.cas;

import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.tck.StoreDriverTck;
import io.glance.store.tck.TestingStoreContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The whole store driver TCK against a real directory.
 *
 * <p>The TCK expects one new name per stored image, while this store keeps two files per new content (blob and
 * pointer) and one per repeated content. So the names listed are those that matter: one per pointer, plus anything
 * that would be a leak or a corruption: files under {@code tmp/}, blobs no pointer names, pointers whose blob is
 * missing, and any file this layout does not explain.
 */
class CasStoreDriverTckTest extends StoreDriverTck {
    private static final String STORE_ID = "cas-tck";

    private final CasStoreDriverFactory factory = new CasStoreDriverFactory();
    private Path root;

    @Override
    protected StoreDriver createDriver(Path tmp) {
        root = tmp.resolve("cas");
        return factory.create(STORE_ID, Map.of("cas_store_root", root.toString()),
                new TestingStoreContext(tmp.resolve("work")));
    }

    @Override
    protected Set<StoreCapability> declaredCapabilities() {
        return factory.capabilities();
    }

    @Override
    protected List<String> listStoredNames() throws IOException {
        return StoreContents.of(root).names();
    }

    @Override
    protected URI absentLocation(String imageId) {
        return URI.create("cas://" + STORE_ID + "/" + imageId);
    }

    /** What a store's root holds, classified by the layout of {@link StoreDirectory}. */
    record StoreContents(Map<String, String> pointers, Set<String> blobs, List<String> others) {

        static StoreContents of(Path root) throws IOException {
            Map<String, String> pointers = new TreeMap<>();
            Set<String> blobs = new HashSet<>();
            List<String> others = new ArrayList<>();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path relative = root.relativize(file);
                    String name = relative.getFileName().toString();
                    String parent = relative.getParent() == null ? "" : relative.getParent().toString();
                    if (relative.toString().equals(StoreDirectory.LOCK)) {
                        continue;
                    }
                    if (parent.equals(StoreDirectory.INDEX)) {
                        pointers.put(name, Files.readString(file).strip());
                    } else if (StoreDirectory.isDigest(name) && parent.equals(name.substring(0, 2))) {
                        blobs.add(name);
                    } else {
                        others.add(relative.toString());
                    }
                }
            }
            return new StoreContents(pointers, blobs, others);
        }

        List<String> names() {
            List<String> names = new ArrayList<>();
            pointers.forEach((imageId, digest) -> {
                names.add("image " + imageId);
                if (!blobs.contains(digest)) {
                    names.add("dangling pointer " + imageId + " -> " + digest);
                }
            });
            blobs.stream().filter(blob -> !pointers.containsValue(blob)).forEach(blob -> names.add("orphan " + blob));
            others.forEach(other -> names.add("other " + other));
            return names;
        }
    }
}
