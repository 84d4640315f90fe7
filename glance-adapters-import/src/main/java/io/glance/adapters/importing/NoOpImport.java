package io.glance.adapters.importing;

import io.glance.importing.spi.ImportPlugin;
import io.glance.importing.spi.ImportPluginFactory;

import java.util.Map;
import java.util.logging.Logger;

/** {@code no_op}: logs that it ran, nothing else (Glance's sample plugin, handy to see that plugins run). */
public final class NoOpImport implements ImportPluginFactory {
    private static final Logger LOG = Logger.getLogger(NoOpImport.class.getName());

    @Override
    public String name() {
        return "no_op";
    }

    @Override
    public ImportPlugin create(Map<String, String> config) {
        ImportPluginSections.requireKnownKeys(name(), config, ImportPluginSections.NONE);
        return context -> LOG.info("no_op import plugin ran for image " + context.imageId() + " ("
                + context.method() + ")");
    }
}
