package io.glance.cli;

import io.glance.client.GlanceClient;
import io.glance.client.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code glance tasks [ID]}: the tasks of an image (oldest first), or without ID the server's task list (admins
 * only, newest first); one line per task: id, status, method, updated_at and the message.
 */
@Command(name = "tasks", description = "List the import tasks of image ID, or all tasks (admins) without ID.")
final class TasksCommand implements Callable<Integer> {
    @ParentCommand
    GlanceCommand glance;

    @Parameters(index = "0", paramLabel = "ID", arity = "0..1", description = "The image.")
    String imageId;

    @Option(names = "--limit", defaultValue = "100", description = "Most tasks listed without ID (default: 100).")
    int limit;

    @Override
    public Integer call() {
        GlanceClient client = glance.client();
        List<Task> tasks = imageId == null ? client.tasks(limit) : client.imageTasks(imageId);
        Io io = glance.io();
        if (tasks.isEmpty()) {
            io.out().println("No tasks.");
            return ExitCodes.OK;
        }
        io.out().printf("%-36s  %-10s  %-13s  %-20s  %s%n", "ID", "Status", "Method", "Updated", "Message");
        for (Task task : tasks) {
            io.out().printf("%-36s  %-10s  %-13s  %-20s  %s%n", task.id(), task.status(),
                    task.importMethod().isEmpty() ? task.type() : task.importMethod(), task.updatedAt(),
                    task.message());
        }
        return ExitCodes.OK;
    }
}
