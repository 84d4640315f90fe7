package io.glance.ports.in;

import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.task.Task;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** {@link ImageImport#DISABLED}: a server with no import method enabled (and nowhere to keep tasks). */
final class DisabledImageImport implements ImageImport {

    @Override
    public List<String> enabledMethods() {
        return List.of();
    }

    @Override
    public void stage(RequestContext context, ImageId id, InputStream data, long declaredLength) {
        throw new NotFoundException("'glance-direct' method is not available at this site.");
    }

    @Override
    public Optional<Task> importImage(RequestContext context, ImageId id, ImportCommand command) {
        throw new InvalidInputException("Unknown import method name '" + command.method()
                + "'. Enabled import methods: []");
    }

    @Override
    public Task createImportTask(RequestContext context, LegacyImportCommand command) {
        throw new InvalidInputException("Legacy 'import' tasks are not available at this site (no task repository)");
    }

    @Override
    public List<Task> imageTasks(RequestContext context, ImageId id) {
        return List.of();
    }

    @Override
    public List<Task> listTasks(RequestContext context, TaskQuery query) {
        return List.of();
    }

    @Override
    public Task showTask(RequestContext context, String taskId) {
        throw new NotFoundException("Task with the given ID " + taskId + " was not found");
    }
}
