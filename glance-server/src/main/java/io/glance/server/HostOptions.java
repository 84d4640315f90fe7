package io.glance.server;

import io.glance.adapters.db.DatabaseCompaction;
import io.glance.adapters.db.DatabaseSettings;
import io.glance.adapters.importing.ImportPluginSections;
import io.glance.adapters.policy.PolicySettings;
import io.glance.adapters.policy.PropertyProtectionSettings;
import io.glance.application.ImageQuotas;
import io.glance.application.ImportSettings;
import io.glance.application.ResumableUploadSettings;
import io.glance.application.DedupCheckpoints;
import io.glance.application.InterruptedUploadRecovery;
import io.glance.application.MetadataLimitSettings;
import io.glance.application.ScrubberSettings;
import io.glance.application.SweepSettings;
import io.glance.application.inspection.FormatInspectionSettings;
import io.glance.application.UploadLimits;
import io.glance.application.cache.ImageCacheSettings;
import io.glance.config.Option;
import io.glance.config.OptionSection;
import io.glance.config.OptionValues;
import io.glance.http.ApiSettings;
import io.glance.http.connections.ConnectionSettings;
import io.glance.http.data.DataCaching;
import io.glance.http.purge.ProxyPurgeSettings;
import io.glance.server.config.OptionSources;
import io.glance.adapters.keystone.KeystoneSettings;
import io.glance.adapters.keystone.LimitSettings;
import io.glance.server.config.AuthSettings;
import io.glance.server.config.RegistryClientSettings;
import io.glance.server.config.ServerSettings;
import io.glance.server.config.StoreSettings;
import io.glance.server.config.TlsSettings;
import io.glance.server.imports.ImportFilter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every option and section the host itself declares: the {@code OPTIONS} of each settings record the composition
 * roots read. A store plugin's options are its own ({@code StoreDriverFactory.configKeys()}); they are accepted at
 * the top level in single-store mode and in the store's section with {@code enabled_backends}.
 *
 * <p>To add an option, declare it in the settings record that consumes it (and document it in README.md and
 * etc/glance-api.yaml, which {@code DocumentedOptionsTest} holds to these declarations); a new settings record adds
 * its {@code OPTIONS} or section here.
 */
public final class HostOptions {
    /** Every top-level host option, in the order the README lists them. */
    public static final List<Option<?>> OPTIONS = concat(ServerSettings.OPTIONS, StoreSettings.OPTIONS,
            UploadLimits.OPTIONS, DatabaseSettings.OPTIONS, DatabaseCompaction.OPTIONS, InterruptedUploadRecovery.OPTIONS,
            ApiSettings.OPTIONS,
            ImageQuotas.OPTIONS, MetadataLimitSettings.OPTIONS, ScrubberSettings.OPTIONS,
            SweepSettings.OPTIONS,
            PropertyProtectionSettings.OPTIONS, ConnectionSettings.OPTIONS,
            AuthSettings.OPTIONS, DataCaching.OPTIONS, ProxyPurgeSettings.OPTIONS, ImageCacheSettings.OPTIONS,
            TlsSettings.OPTIONS,
            RegistryClientSettings.OPTIONS,
            ImportSettings.OPTIONS,
            ResumableUploadSettings.OPTIONS,
            List.of(ImportPluginSections.IMPORT_PLUGINS_DIR), LimitSettings.OPTIONS,
            DedupCheckpoints.OPTIONS);
    /** Every section the host declares, e.g. {@code keystone_authtoken}. */
    public static final List<OptionSection> SECTIONS = List.of(PolicySettings.SECTION, KeystoneSettings.SECTION,
            FormatInspectionSettings.SECTION, ImportSettings.TASK_SECTION, ImportFilter.SECTION,
            ImportPluginSections.IMAGE_IMPORT_OPTS, ImportPluginSections.IMAGE_CONVERSION,
            ImportPluginSections.INJECT_METADATA_PROPERTIES, LimitSettings.SECTION,
            ImportSettings.DOWNLOAD_SECTION);

    private HostOptions() {
    }

    /** The boolean options a flag may give without a value. */
    static Set<String> switches() {
        Set<String> switches = new TreeSet<>();
        OPTIONS.stream().filter(Option::isSwitch).forEach(option -> switches.add(option.name()));
        SECTIONS.forEach(section -> section.options().stream().filter(Option::isSwitch)
                .forEach(option -> switches.add(section.name() + "." + option.name())));
        return switches;
    }

    /**
     * Reads flags, environment and file, learns the store plugins' keys from {@code plugins_dir}, and checks every
     * key: a host option, an option of a host section, a store option (at the top level in single-store mode, in
     * its store's section with {@code enabled_backends}).
     *
     * @param storeKeys the option names the store plugins in a plugins directory declare (loading them if needed)
     * @throws io.glance.config.ConfigurationException naming a malformed or unknown option
     */
    public static OptionValues load(String[] args, Map<String, String> environment,
                                    Function<Path, Set<String>> storeKeys) {
        OptionSources sources = OptionSources.read(args, environment, switches());
        OptionValues provisional = sources.provisional();
        Set<String> pluginKeys = storeKeys.apply(ServerSettings.from(provisional).pluginsDir());
        return check(sources, pluginKeys);
    }

    /** {@link #load}'s check, for sources already read. */
    static OptionValues check(OptionSources sources, Set<String> pluginKeys) {
        StoreSettings stores = StoreSettings.from(sources.provisional());
        Set<String> hostNames = OPTIONS.stream().map(Option::name).collect(Collectors.toSet());
        Set<String> known = new TreeSet<>(hostNames);
        if (!stores.multiStore()) {
            known.addAll(pluginKeys);
        }
        Set<String> openSections = stores.backends().stream().map(StoreSettings.Backend::id)
                .collect(Collectors.toCollection(TreeSet::new));
        openSections.addAll(thirdPartyImportPlugins(sources.provisional()));
        Map<String, Set<String>> sections = SECTIONS.stream().collect(Collectors.toMap(OptionSection::name,
                section -> section.options().stream().map(Option::name).collect(Collectors.toSet())));
        OptionValues values = sources.check(known, sections, openSections, key -> {
            if (stores.multiStore() && pluginKeys.contains(key)) {
                return "it is a store option: with enabled_backends it goes into a store's section, e.g. "
                        + stores.backends().get(0).id() + "." + key;
            }
            List<String> names = new ArrayList<>(known);
            SECTIONS.forEach(section -> section.options()
                    .forEach(option -> names.add(section.name() + "." + option.name())));
            return "known options: " + names.stream().sorted().toList();
        });
        // Every declared value is parsed now, so that a bad one stops startup even if its consumer reads it late.
        OPTIONS.forEach(values::get);
        SECTIONS.forEach(section -> section.options().forEach(values.section(section)::get));
        return values;
    }

    /** The enabled import plugins that are not first-party: each may have a section of its own, checked by itself. */
    private static Set<String> thirdPartyImportPlugins(OptionValues provisional) {
        Set<String> names = new TreeSet<>(provisional.section(ImportPluginSections.IMAGE_IMPORT_OPTS)
                .get(ImportPluginSections.IMAGE_IMPORT_PLUGINS));
        names.removeAll(ImportPluginSections.FIRST_PARTY);
        return names;
    }

    @SafeVarargs
    private static List<Option<?>> concat(Collection<Option<?>>... groups) {
        List<Option<?>> all = Stream.of(groups).flatMap(Collection::stream).toList();
        Set<String> names = new TreeSet<>();
        for (Option<?> option : all) {
            if (!names.add(option.name())) {
                throw new IllegalStateException("option " + option.name() + " is declared twice");
            }
        }
        return all;
    }
}
