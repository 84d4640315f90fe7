package io.glance.application;

import io.glance.domain.ImageId;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.ServiceUnavailableException;
import io.glance.domain.task.Task;
import io.glance.ports.in.ImageImport;
import io.glance.ports.in.ImportCommand;
import io.glance.ports.in.LegacyImportCommand;
import io.glance.ports.in.TaskQuery;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * {@link ImageImport}: staging through {@link ImageStaging}, POST /import through {@link ImportRequests}, the work
 * on a bounded pool of import workers running {@link ImportFlow}, tasks read through {@link TaskQueries}, legacy
 * {@code import} tasks through {@link LegacyImportTasks} on the same workers.
 */
final class ImageImportService implements ImageImport {
    private static final Logger LOG = Logger.getLogger(ImageImportService.class.getName());

    private final ImportSettings settings;
    private final ImageStaging staging;
    private final ImportRequests requests;
    private final ImportFlow flow;
    private final ImportLocks locks;
    private final TaskQueries queries;
    private final ExecutorService workers;
    private final LegacyImportTasks legacy;

    ImageImportService(ImportSettings settings, ImageStaging staging, ImportRequests requests, ImportFlow flow,
                       ImportLocks locks, TaskQueries queries, ExecutorService workers, LegacyImportTasks legacy) {
        this.legacy = requireNonNull(legacy, "legacy is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.staging = requireNonNull(staging, "staging is null");
        this.requests = requireNonNull(requests, "requests is null");
        this.flow = requireNonNull(flow, "flow is null");
        this.locks = requireNonNull(locks, "locks is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    @Override
    public List<String> enabledMethods() {
        return settings.enabledMethods();
    }

    @Override
    public void stage(RequestContext context, ImageId id, InputStream data, long declaredLength) {
        if (!settings.enabled(ImportMethod.GLANCE_DIRECT.wireName)) {
            throw new NotFoundException("'glance-direct' method is not available at this site.");
        }
        staging.stage(context, id, data, declaredLength);
    }

    @Override
    public Optional<Task> importImage(RequestContext context, ImageId id, ImportCommand command) {
        return requests.importImage(context, id, command, job -> {
            try {
                workers.execute(() -> flow.run(job));
            } catch (RejectedExecutionException e) {
                LOG.warning("Import task " + job.task().id() + " not started: the service is shutting down");
                flow.abandon(job.task(), "glance-api was shutting down");
                throw new ServiceUnavailableException("The service is shutting down; import of image " + id
                        + " refused", e);
            }
        });
    }

    @Override
    public Task createImportTask(RequestContext context, LegacyImportCommand command) {
        return legacy.create(context, command, work -> {
            try {
                workers.execute(work);
            } catch (RejectedExecutionException e) {
                throw new ServiceUnavailableException("The service is shutting down; the import task was not"
                        + " started", e);
            }
        });
    }

    @Override
    public List<Task> imageTasks(RequestContext context, ImageId id) {
        return queries.imageTasks(context, id);
    }

    @Override
    public List<Task> listTasks(RequestContext context, TaskQuery query) {
        return queries.list(context, query);
    }

    @Override
    public Task showTask(RequestContext context, String taskId) {
        return queries.show(context, taskId);
    }
}
