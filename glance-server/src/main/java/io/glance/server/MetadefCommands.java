package io.glance.server;

import io.glance.application.metadef.MetadefServices;
import io.glance.adapters.db.GlanceDatabase;
import io.glance.domain.GlanceException;
import io.glance.domain.metadef.NamespaceDocument;
import io.glance.ports.in.metadef.LoadMode;
import io.glance.ports.in.metadef.LoadResult;
import io.glance.ports.in.metadef.MetadefDefinitions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code glance-manage db load_metadefs [--path DIR] [--merge] [--prefer_new] [--overwrite]},
 * {@code db unload_metadefs} and {@code db export_metadefs --path DIR}, with the meanings of Glance's: load skips a
 * namespace that exists unless {@code --merge} (add what it lacks), {@code --merge --prefer_new} (also update what
 * both have) or {@code --merge --overwrite} (replace it); unload empties the catalog, resource types included.
 */
final class MetadefCommands {

    /** The flags of the three commands, taken out of the arguments before glance-api's options are read. */
    record Flags(Path path, boolean merge, boolean preferNew, boolean overwrite) {
    }

    private MetadefCommands() {
    }

    static boolean handles(String command) {
        return command.equals("db_load_metadefs") || command.equals("db_unload_metadefs")
                || command.equals("db_export_metadefs");
    }

    /** @return the exit status */
    static int run(String command, Flags flags, GlanceDatabase database, PrintStream out, PrintStream err)
            throws IOException {
        MetadefDefinitions definitions = MetadefServices.definitions(database.metadefs(), Clock.systemUTC());
        switch (command) {
            case "db_unload_metadefs" -> {
                definitions.unload();
                out.println("Unloaded every metadata definition from " + database.describe());
                return GlanceManage.OK;
            }
            case "db_export_metadefs" -> {
                if (flags.path() == null) {
                    err.println("glance-manage: db export_metadefs needs --path DIR");
                    return GlanceManage.USAGE;
                }
                List<NamespaceDocument> documents = definitions.export();
                List<Path> files = MetadefFiles.write(flags.path(), documents);
                out.println("Exported " + files.size() + " namespaces to " + flags.path());
                return GlanceManage.OK;
            }
            default -> {
                LoadMode mode;
                try {
                    mode = LoadMode.of(flags.merge(), flags.preferNew(), flags.overwrite());
                } catch (GlanceException e) {
                    err.println("glance-manage: " + e.getMessage());
                    return GlanceManage.USAGE;
                }
                MetadefFiles.Read read = flags.path() == null
                        ? BundledMetadefs.withDirectory(MetadefFiles::read)
                        : MetadefFiles.read(flags.path());
                return load(definitions, read, mode, flags.path() == null ? "the bundled definitions"
                        : flags.path().toString(), out, err);
            }
        }
    }

    static int load(MetadefDefinitions definitions, MetadefFiles.Read read, LoadMode mode, String source,
                    PrintStream out, PrintStream err) {
        for (MetadefFiles.Failure failure : read.failures()) {
            err.println("glance-manage: skipped " + failure.file() + ": " + failure.reason());
        }
        LoadResult result = definitions.load(read.namespaces(), mode);
        out.println("Loaded metadata definitions from " + source + ": " + result.created().size() + " created, "
                + result.merged().size() + " merged, " + result.replaced().size() + " replaced, "
                + result.skipped().size() + " skipped (already there: " + String.join(", ", result.skipped()) + ")");
        return read.failures().isEmpty() ? GlanceManage.OK : GlanceManage.FAILED;
    }

    /** Loads the bundled definitions into a database that was new before its schema was just created. */
    static LoadResult seed(GlanceDatabase database) throws IOException {
        MetadefDefinitions definitions = MetadefServices.definitions(database.metadefs(), Clock.systemUTC());
        MetadefFiles.Read read = BundledMetadefs.withDirectory(MetadefFiles::read);
        if (!read.failures().isEmpty()) {
            throw new IOException("Bundled metadata definitions unreadable: " + read.failures());
        }
        return definitions.load(read.namespaces(), LoadMode.SKIP_EXISTING);
    }
}
