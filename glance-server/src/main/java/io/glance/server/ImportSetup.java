package io.glance.server;

import io.glance.application.GlanceServices;
import io.glance.application.ImportSettings;
import io.glance.application.ResumableUploadSettings;
import io.glance.config.OptionValues;
import io.glance.ports.out.TaskRepository;
import io.glance.ports.out.UploadSessions;
import io.glance.server.config.ServerSettings;
import io.glance.server.imports.FilteredWebDownloads;
import io.glance.server.imports.GlanceImageReader;
import io.glance.server.imports.ImportFilter;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.net.UnknownHostException;

/**
 * Wires interoperable import: the staging directory ({@code node_staging_uri}, by default
 * {@code <data_dir>/staging}), the filtered web-download, the tasks in the database, and this process's worker name
 * (host and data directory: each node has a data directory of its own, so a restart fails only its own tasks).
 * With {@code data_api: registry} the tasks are kept by glance-registry.
 */
final class ImportSetup {

    private ImportSetup() {
    }

    /** @return {@code null} (import off) without a task repository or with no method enabled */
    static GlanceServices.Imports imports(OptionValues options, ServerSettings server, TaskRepository tasks,
                                          UploadSessions uploadSessions) {
        ImportSettings settings = ImportSettings.from(options);
        if (tasks == null || settings.enabledMethods().isEmpty()) {
            return null;
        }
        String stagingUri = settings.nodeStagingUri() != null ? settings.nodeStagingUri()
                : server.dataDir().resolve("staging").toAbsolutePath().toUri().toString();
        FilteredWebDownloads downloads = new FilteredWebDownloads(ImportFilter.from(options));
        // Resumable uploads keep their partial data beside the staged data it becomes.
        GlanceServices.Resumable resumable = uploadSessions == null ? null : new GlanceServices.Resumable(
                uploadSessions, new FilePartialUploads(Path.of(URI.create(stagingUri))),
                ResumableUploadSettings.from(options));
        return new GlanceServices.Imports(tasks, FileStagingArea.of(stagingUri), downloads, settings,
                ImportPluginSteps.from(options), worker(server), new GlanceImageReader(downloads), resumable);
    }

    static String worker(ServerSettings server) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + server.dataDir().toAbsolutePath().normalize();
    }

    static String describe(GlanceServices.Imports imports, int interrupted) {
        if (imports == null) {
            return "Import: off (no method enabled)";
        }
        return "Import: " + imports.settings().enabledMethods() + ", staging in " + imports.staging().describe()
                + ", " + imports.settings().workerThreads() + " workers, tasks kept "
                + imports.settings().taskTimeToLive().toHours() + " h"
                + (interrupted > 0 ? "; failed " + interrupted + " import task(s) interrupted by the last stop" : "");
    }
}
