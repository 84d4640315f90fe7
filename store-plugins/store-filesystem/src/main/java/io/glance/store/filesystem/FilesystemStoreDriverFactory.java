package io.glance.store.filesystem;

import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.ConfigKey;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreContext;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreDriverFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The {@code file} store type (alias {@code filesystem}): image files in a directory, written atomically, with
 * glance_store's option names. Found by {@link java.util.ServiceLoader} in the plugin jar.
 */
public final class FilesystemStoreDriverFactory implements StoreDriverFactory {

    /**
     * How long an upload file may sit untouched before a starting driver treats it as left by a crash. A running
     * upload rewrites its file continuously, so this only has to outlast a stalled client on another server.
     */
    static final Duration STALE_PARTIAL_AGE = Duration.ofMinutes(1);

    @Override
    public String type() {
        return "file";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("filesystem");
    }

    @Override
    public Set<String> schemes() {
        return Set.of("file");
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return Set.copyOf(EnumSet.of(StoreCapability.READ, StoreCapability.READ_RANGE, StoreCapability.WRITE,
                StoreCapability.DELETE, StoreCapability.DEDUP, StoreCapability.LIST));
    }

    @Override
    public List<ConfigKey> configKeys() {
        return FilesystemStoreConfig.KEYS;
    }

    @Override
    public StoreDriver create(String storeId, Map<String, String> config, StoreContext context) {
        requireNonNull(storeId, "storeId is null");
        requireNonNull(config, "config is null");
        requireNonNull(context, "context is null");
        FilesystemStoreConfig parsed = FilesystemStoreConfig.parse(storeId, config, context.defaultDataDirectory());
        DataDirectory directory = DataDirectory.prepare(storeId, parsed.dataDirectory());
        if (parsed.filePermissions().isPresent()) {
            requirePosix(storeId, directory);
        }
        // A process killed mid-upload cannot clean up after itself; its partial files would otherwise stay forever.
        directory.removeStalePartials(Instant.now().minus(STALE_PARTIAL_AGE));
        return new FilesystemStoreDriver(storeId, directory, parsed);
    }

    private static void requirePosix(String storeId, DataDirectory directory) {
        try {
            FileStore fileStore = Files.getFileStore(directory.root());
            if (!fileStore.supportsFileAttributeView("posix")) {
                throw new BadStoreConfigurationException("filesystem store '" + storeId + "': option '"
                        + FilesystemStoreConfig.FILE_PERM + "' needs POSIX permissions, which " + directory.root()
                        + " (" + fileStore.type() + ") does not have");
            }
        } catch (IOException e) {
            throw new BadStoreConfigurationException("filesystem store '" + storeId + "': cannot inspect "
                    + directory.root() + ": " + IoFailures.reason(e), e);
        }
    }
}
