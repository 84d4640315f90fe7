package io.glance.adapters.importing;

import io.glance.config.OptionValues;
import io.glance.importing.spi.ImportPlugin;
import io.glance.importing.spi.ImportPluginFactory;

import java.util.List;
import java.util.Map;

/**
 * {@code inject_image_metadata}: adds the properties of {@code inject_metadata_properties.inject} to every imported
 * image, unless the caller has one of {@code ignore_user_roles} (default admin, who may set what they like).
 */
public final class InjectImageMetadata implements ImportPluginFactory {

    @Override
    public String name() {
        return "inject_image_metadata";
    }

    @Override
    public ImportPlugin create(Map<String, String> config) {
        OptionValues values = ImportPluginSections.requireKnownKeys(name(), config,
                ImportPluginSections.INJECT_METADATA_PROPERTIES);
        Map<String, String> inject = values.get(ImportPluginSections.INJECT);
        List<String> ignoreRoles = values.get(ImportPluginSections.IGNORE_USER_ROLES);
        return context -> {
            if (inject.isEmpty() || ignoreRoles.stream().anyMatch(context.callerRoles()::contains)) {
                return;
            }
            context.setAttributes(inject);
        };
    }
}
