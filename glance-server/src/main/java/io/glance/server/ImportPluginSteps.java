package io.glance.server;

import io.glance.adapters.importing.ImportPluginLoader;
import io.glance.adapters.importing.ImportPluginSections;
import io.glance.application.ImportStep;
import io.glance.application.UploadLimits;
import io.glance.config.OptionSection;
import io.glance.config.OptionValues;
import io.glance.domain.Image;
import io.glance.domain.InvalidInputException;
import io.glance.importing.spi.ArrivingStagedData;
import io.glance.importing.spi.ImportContext;
import io.glance.importing.spi.ImportPlugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The import plugins of {@code image_import_opts.image_import_plugins}, in that order, as the import flow's steps: each
 * plugin gets the staged file, may replace it, and may set the image's formats, virtual size and properties. The
 * first-party plugins read their own sections ({@code image_conversion}, {@code inject_metadata_properties}); a
 * third-party plugin (a jar in {@code import_plugins_dir}) gets the section named after it ({@code --<name>.<key>}),
 * whose keys it checks itself when it is created.
 */
final class ImportPluginSteps {

    private ImportPluginSteps() {
    }

    static List<ImportStep> from(OptionValues options) {
        List<String> enabled = options.section(ImportPluginSections.IMAGE_IMPORT_OPTS)
                .get(ImportPluginSections.IMAGE_IMPORT_PLUGINS);
        long sizeCap = UploadLimits.from(options).imageSizeCap();
        return ImportPluginLoader.load(enabled, options.get(ImportPluginSections.IMPORT_PLUGINS_DIR),
                name -> pluginConfig(options, name)).stream().map(loaded -> (ImportStep) new PluginStep(loaded.name(), loaded.plugin(), sizeCap)).toList();
    }

    /** A plugin's own options: a first-party plugin's declared section, a third party's section named after it. */
    static Map<String, String> pluginConfig(OptionValues options, String name) {
        OptionSection section = ImportPluginSections.PLUGIN_SECTIONS.get(name);
        if (section != null) {
            return options.section(section).asMap();
        }
        return ImportPluginSections.FIRST_PARTY.contains(name) ? Map.of() : options.section(name).asMap();
    }

    /** One plugin as one step. */
    private record PluginStep(String name, ImportPlugin plugin, long sizeCap) implements ImportStep {
        @Override
        public void apply(Context context) throws Exception {
            plugin.apply(new PluginContext(context, sizeCap));
        }

        @Override
        public boolean readsArrivingData() {
            return plugin.readsArrivingData();
        }
    }

    /** The flow's arriving data as the SPI's. */
    private record ArrivingData(ImportStep.Arriving arriving) implements ArrivingStagedData {
        @Override
        public Path file() {
            return arriving.file();
        }

        @Override
        public long awaitWritten(long length) throws IOException, InterruptedException {
            return arriving.awaitWritten(length);
        }

        @Override
        public long awaitComplete() throws IOException, InterruptedException {
            return arriving.awaitComplete();
        }
    }

    /** What a plugin sees of the import, over the flow's context. */
    private record PluginContext(ImportStep.Context step, long sizeCap) implements ImportContext {
        /** Core attributes a plugin may not set as if they were properties. */
        private static final Set<String> RESERVED = Set.of("id", "name", "status", "size", "checksum", "owner",
                "visibility", "os_hash_algo", "os_hash_value", "locations", "tags", "protected", "min_disk",
                "min_ram", "created_at", "updated_at", "direct_url", "self", "file", "schema");

        PluginContext {
            requireNonNull(step, "step is null");
        }

        @Override
        public String imageId() {
            return step.image().id().value();
        }

        @Override
        public String method() {
            return step.method();
        }

        @Override
        public Map<String, String> attributes() {
            Image image = step.image();
            Map<String, String> attributes = new LinkedHashMap<>(image.properties());
            if (image.diskFormat() != null) {
                attributes.put("disk_format", image.diskFormat());
            }
            if (image.containerFormat() != null) {
                attributes.put("container_format", image.containerFormat());
            }
            return Map.copyOf(attributes);
        }

        @Override
        public Set<String> callerRoles() {
            return step.callerRoles();
        }

        @Override
        public Optional<ArrivingStagedData> arrivingStagedData() {
            return Optional.ofNullable(step.arriving()).map(ArrivingData::new);
        }

        @Override
        public Path stagedData() {
            return Path.of(step.stagedData());
        }

        @Override
        public void replaceStagedData(Path newData) throws IOException {
            step.replaceStagedData(newData.toUri());
        }

        @Override
        public void writtenUpTo(Path newData, long length) throws IOException {
            step.writtenUpTo(newData.toUri(), length);
        }

        @Override
        public void setAttributes(Map<String, String> changes) {
            for (String key : changes.keySet()) {
                if (RESERVED.contains(key) || key.startsWith("os_glance")) {
                    throw new InvalidInputException("An import plugin may not set " + key);
                }
            }
            step.updateImage(image -> {
                Image.Builder builder = image.toBuilder();
                Map<String, String> properties = new LinkedHashMap<>(image.properties());
                changes.forEach((key, value) -> {
                    switch (key) {
                        case "disk_format" -> builder.diskFormat(value);
                        case "container_format" -> builder.containerFormat(value);
                        case "virtual_size" -> builder.virtualSize(Long.parseLong(value));
                        default -> properties.put(key, value);
                    }
                });
                return builder.properties(properties).build();
            });
        }
    }
}
