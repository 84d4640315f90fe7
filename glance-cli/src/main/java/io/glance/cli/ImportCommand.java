package io.glance.cli;

import io.glance.client.GlanceClient;
import io.glance.client.ImportRequest;
import io.glance.client.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code glance import ID METHOD}: starts an interoperable import (glance-direct after {@code stage}, web-download
 * with {@code --uri}, copy-image with {@code --stores} or {@code --all-stores}); with {@code --wait} it follows the
 * task to its end and fails when the task fails.
 */
@Command(name = "import", description = "Import data into an image: glance-direct (after stage), web-download "
        + "(--uri) or copy-image (--stores/--all-stores).")
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    GlanceCommand glance;

    @Parameters(index = "0", paramLabel = "ID", description = "The image.")
    String imageId;

    @Parameters(index = "1", paramLabel = "METHOD",
            description = "glance-direct, web-download or copy-image.")
    String method;

    @Option(names = "--uri", description = "web-download: the URL to fetch.")
    String uri;

    @Option(names = "--stores", split = ",", description = "Target stores (multi-store), comma-separated.")
    List<String> stores;

    @Option(names = "--all-stores", description = "Every writable store.")
    boolean allStores;

    @Option(names = "--allow-failure", description = "Succeed when at least one store got the data.")
    boolean allowFailure;

    @Option(names = "--wait", description = "Wait until the import task has ended (at most --timeout seconds).")
    boolean await;

    @Option(names = "--timeout", defaultValue = "600", description = "Seconds --wait waits (default: 600).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        ImportRequest request = switch (method) {
            case "glance-direct" -> ImportRequest.glanceDirect();
            case "copy-image" -> ImportRequest.copyImage();
            case "web-download" -> {
                if (uri == null || uri.isBlank()) {
                    throw new UsageException("web-download needs --uri");
                }
                yield ImportRequest.webDownload(uri);
            }
            default -> throw new UsageException("Unknown import method " + method
                    + " (glance-direct, web-download, copy-image)");
        };
        if (method.equals("web-download") == (uri == null)) {
            throw new UsageException("--uri goes with web-download only");
        }
        if (allStores && stores != null) {
            throw new UsageException("--stores and --all-stores exclude each other");
        }
        if (allStores) {
            request = request.toAllStores();
        } else if (stores != null) {
            request = request.toStores(stores);
        }
        if (allowFailure) {
            request = request.allowingFailures();
        }
        Io io = glance.io();
        if (glance.dryRun) {
            io.out().println("Dry run. We would have done the following:");
            io.out().println("Import image " + imageId + " with " + method + (uri == null ? "" : " from " + uri)
                    + (allStores ? " to all stores" : stores == null ? "" : " to " + stores));
            return ExitCodes.OK;
        }
        GlanceClient client = glance.client();
        List<String> offered = client.importMethods();
        if (!offered.contains(method)) {
            throw new UsageException("The server does not offer " + method + " (it offers " + offered + ")");
        }
        client.importImage(imageId, request);
        io.out().println("Import of image " + imageId + " with " + method + " accepted");
        if (!await) {
            return ExitCodes.OK;
        }
        Task task = awaitTask(client);
        io.out().println("Task " + task.id() + ": " + task.status() + (task.message().isEmpty() ? ""
                : " (" + task.message() + ")"));
        io.out().println("Image " + imageId + ": " + client.show(imageId).status());
        return task.status().equals("success") ? ExitCodes.OK : ExitCodes.CONFLICT;
    }

    /** The newest task of the image once it has ended. */
    private Task awaitTask(GlanceClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (true) {
            List<Task> tasks = client.imageTasks(imageId);
            Task newest = tasks.isEmpty() ? null : tasks.getLast();
            if (newest != null && newest.finished()) {
                return newest;
            }
            if (System.nanoTime() > deadline) {
                throw new UsageException("The import of image " + imageId + " did not end within " + timeoutSeconds
                        + " s" + (newest == null ? "" : " (task " + newest.id() + " is " + newest.status() + ")"));
            }
            Thread.sleep(500);
        }
    }
}
