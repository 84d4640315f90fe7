package io.glance.adapters.store;

import io.glance.store.spi.StoreDriverFactory;
import org.pf4j.BasePluginRepository;
import org.pf4j.DefaultPluginManager;
import org.pf4j.InvalidPluginDescriptorException;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

import java.io.File;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Manifest;

import static java.util.Objects.requireNonNull;

/**
 * PF4J configured for store plugins: jar and zip archives only, manifest descriptors, the isolating class loader,
 * the host's SPI version as system version (so {@code Plugin-Requires} is enforced), and no lifecycle class. PF4J
 * logs most failures and carries on; {@link #loadAndStart()} turns each into a {@link PluginLoadException}.
 */
final class StorePluginManager extends DefaultPluginManager {
    private final Path pluginsDirectory;
    private final SelectionStatusProvider selection;

    StorePluginManager(Path pluginsDirectory, List<PluginSelection> selections, String spiVersion) {
        super(pluginsDirectory);
        this.pluginsDirectory = pluginsDirectory;
        // PF4J creates its collaborators from its own constructor, before this subclass's fields are assigned, so
        // createPluginStatusProvider() cannot see the selection; it is installed here instead.
        this.selection = new SelectionStatusProvider(selections);
        this.pluginStatusProvider = selection;
        setSystemVersion(requireNonNull(spiVersion, "spiVersion is null"));
    }

    /**
     * Loads every archive, resolves and starts the plugins, and returns the archives of the enabled ones by plugin
     * id. Whatever fails, everything loaded so far is unloaded before the exception leaves.
     */
    Map<String, Path> loadAndStart() {
        try {
            Map<String, Path> archives = new LinkedHashMap<>();
            for (Path archive : pluginRepository.getPluginPaths()) {
                PluginWrapper plugin = load(archive);
                refuseIfVersionExcluded(plugin, archive);
                if (plugin.getPluginState() != PluginState.DISABLED) {
                    archives.put(plugin.getPluginId(), archive);
                }
            }
            refuseUnknownEnabledIds();
            resolveAndStart();
            for (Map.Entry<String, Path> entry : archives.entrySet()) {
                refuseIfNotStarted(getPlugin(entry.getKey()), entry.getValue());
            }
            return archives;
        } catch (RuntimeException | Error e) {
            unloadAll(e);
            throw e;
        }
    }

    /** Unloads every plugin, closing its class loader. Failures are attached to {@code failure} if given. */
    void unloadAll(Throwable failure) {
        for (PluginWrapper plugin : getPlugins()) {
            try {
                unloadPlugin(plugin.getPluginId(), false, false);
            } catch (RuntimeException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    private PluginWrapper load(Path archive) {
        PluginWrapper plugin;
        try {
            plugin = loadPluginFromPath(archive);
        } catch (RuntimeException | LinkageError e) {
            throw PluginLoadException.forArchive(archive, messageOf(e), e);
        }
        if (plugin == null) {
            // DefaultPluginManager logs and returns null when a zip cannot be unpacked next to itself.
            throw PluginLoadException.forArchive(archive, "the zip cannot be unpacked into "
                    + archive.resolveSibling(archive.getFileName().toString().replaceFirst("\\.[^.]*$", ""))
                    + " (is the plugins directory writable?)", null);
        }
        return plugin;
    }

    /** PF4J disables a plugin whose Plugin-Requires excludes the system version, with a warning; we refuse. */
    private void refuseIfVersionExcluded(PluginWrapper plugin, Path archive) {
        if (plugin.getPluginState() == PluginState.DISABLED && !isPluginDisabled(plugin.getPluginId())) {
            throw PluginLoadException.forPlugin(plugin.getPluginId(), archive, "it requires store SPI version '"
                    + plugin.getDescriptor().getRequires() + "', and this host provides " + getSystemVersion(), null);
        }
    }

    private void refuseUnknownEnabledIds() {
        Set<String> missing = new TreeSet<>(selection.explicitlyEnabled());
        getPlugins().forEach(plugin -> missing.remove(plugin.getPluginId()));
        if (!missing.isEmpty()) {
            throw PluginLoadException.forDirectory(pluginsDirectory, "plugin(s) " + missing
                    + " are enabled, but no archive there has that Plugin-Id", null);
        }
    }

    private void resolveAndStart() {
        try {
            resolvePlugins();
            startPlugins();
        } catch (RuntimeException e) {
            throw PluginLoadException.forDirectory(pluginsDirectory, messageOf(e), e);
        }
    }

    private static void refuseIfNotStarted(PluginWrapper plugin, Path archive) {
        if (plugin.getPluginState() != PluginState.STARTED) {
            Throwable cause = plugin.getFailedException();
            throw PluginLoadException.forPlugin(plugin.getPluginId(), archive, "it did not start (state "
                    + plugin.getPluginState() + (cause == null ? "" : ": " + messageOf(cause)) + ")", cause);
        }
    }

    @Override
    protected void validatePluginDescriptor(PluginDescriptor descriptor) {
        super.validatePluginDescriptor(descriptor);
        String id = descriptor.getPluginId();
        String requires = descriptor.getRequires() == null ? "" : descriptor.getRequires().strip();
        if (requires.isEmpty() || requires.equals("*")) {
            throw new InvalidPluginDescriptorException("plugin '" + id + "' does not declare Plugin-Requires; a store "
                    + "plugin states the store SPI versions it was built for, e.g. >=1.0.0 & <2.0.0");
        }
        try {
            getVersionManager().checkVersionConstraint(getSystemVersion(), requires);
        } catch (RuntimeException e) {
            throw new InvalidPluginDescriptorException("plugin '" + id + "' has an invalid Plugin-Requires '" + requires
                    + "': " + messageOf(e));
        }
        if (!Plugin.class.getName().equals(descriptor.getPluginClass())) {
            throw new InvalidPluginDescriptorException("plugin '" + id + "' declares Plugin-Class "
                    + descriptor.getPluginClass() + "; store plugins have no lifecycle class, their code is found "
                    + "through META-INF/services/" + StoreDriverFactory.class.getName());
        }
        if (!descriptor.getDependencies().isEmpty()) {
            throw new InvalidPluginDescriptorException("plugin '" + id + "' declares Plugin-Dependencies "
                    + descriptor.getDependencies() + "; store plugins are isolated and cannot depend on each other");
        }
    }

    /** Development mode (the global {@code pf4j.mode} property) would load source folders; a server never does. */
    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    /** One jar or zip per plugin, in name order so that errors about clashes between plugins are reproducible. */
    @Override
    protected PluginRepository createPluginRepository() {
        BasePluginRepository repository = new BasePluginRepository(getPluginsRoots(), StorePluginManager::isArchive);
        repository.setComparator(Comparator.comparing(File::getName));
        return repository;
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new ManifestPluginDescriptorFinder() {
            @Override
            protected Manifest readManifest(Path pluginPath) {
                Manifest manifest = super.readManifest(pluginPath);
                if (manifest == null) {
                    // PF4J would fail later with a NullPointerException that names nothing.
                    throw new PluginRuntimeException("it has no META-INF/MANIFEST.MF with Plugin-Id, Plugin-Version "
                            + "and Plugin-Requires");
                }
                return manifest;
            }
        };
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new IsolatingPluginLoader(this, StoreDriverFactory.class.getClassLoader());
    }

    /** Store plugins contribute factories only, so every plugin gets an inert lifecycle object. */
    @Override
    protected PluginFactory createPluginFactory() {
        return wrapper -> new Plugin();
    }

    /** Replaced by the selection in the constructor; see there. */
    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new SelectionStatusProvider(List.of());
    }

    private static boolean isArchive(File file) {
        String name = file.getName().toLowerCase(Locale.ROOT);
        return file.isFile() && !file.isHidden() && (name.endsWith(".jar") || name.endsWith(".zip"));
    }

    static String messageOf(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }
}
