package io.glance.application;

import io.glance.adapters.policy.OsloPolicy;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.task.Task;
import io.glance.ports.in.ImageImport;
import io.glance.ports.in.ImportCommand;
import io.glance.ports.out.PropertyProtection;
import io.glance.ports.out.WebDownloads;
import io.glance.testing.InMemoryImageRepository;
import io.glance.testing.InMemoryStagingArea;
import io.glance.testing.InMemoryStoreDriver;
import io.glance.testing.InMemoryStoreRegistry;
import io.glance.testing.InMemoryTaskRepository;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GlanceServices with import over the in-memory fakes: web-download serves what {@link #web} holds for a URI
 * (refusing hosts named "blocked"), and {@link #steps} run between staging and the stores.
 */
final class ImportFixture implements AutoCloseable {
    final InMemoryImageRepository repository = new InMemoryImageRepository();
    final InMemoryTaskRepository tasks = new InMemoryTaskRepository();
    final InMemoryStagingArea staging = new InMemoryStagingArea();
    final InMemoryStoreDriver store = new InMemoryStoreDriver("memory");
    final InMemoryStoreRegistry stores = InMemoryStoreRegistry.of(store);
    final TestClock clock = new TestClock();
    final Map<URI, byte[]> web = new java.util.concurrent.ConcurrentHashMap<>();
    final List<ImportStep> steps = new ArrayList<>();
    final GlanceServices services;

    ImportFixture() {
        this(UploadLimits.defaults(), ImportSettings.defaults());
    }

    ImportFixture(UploadLimits limits, ImportSettings settings) {
        WebDownloads downloads = new WebDownloads() {
            @Override
            public void check(URI uri) {
                if ("blocked".equals(uri.getHost())) {
                    throw new InvalidInputException("URI for web-download does not pass filtering: " + uri);
                }
            }

            @Override
            public Body open(URI uri) throws java.io.IOException {
                byte[] data = web.get(uri);
                if (data == null) {
                    throw new java.io.FileNotFoundException(uri + " answered 404");
                }
                return new Body(new ByteArrayInputStream(data), data.length);
            }
        };
        ImportStep delegating = new ImportStep() {
            @Override
            public String name() {
                return "test-steps";
            }

            @Override
            public void apply(Context context) throws Exception {
                for (ImportStep step : steps) {
                    step.apply(context);
                }
            }
        };
        services = new GlanceServices(repository, repository, stores, clock, limits, OsloPolicy.defaults(false),
                PropertyProtection.NONE, io.glance.application.ImageQuotas.defaults(), repository,
                io.glance.ports.out.ImageCache.NONE, new GlanceServices.Imports(tasks, staging, downloads, settings, List.of(delegating), "node-1"));
    }

    ImageImport imports() {
        return services.imports();
    }

    static ImportCommand method(String name) {
        return new ImportCommand(name, null, null, null, null, null, false, true, null,
                "{\"method\": {\"name\": \"" + name + "\"}}");
    }

    static ImportCommand webDownload(String uri) {
        return new ImportCommand("web-download", uri, null, null, null, null, false, true, null,
                "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + uri + "\"}}");
    }

    Image stored(ImageId id) {
        return repository.findAny(id).orElseThrow();
    }

    /** Waits (up to 10 s) until the task has ended and returns it. */
    Task finished(Task task) {
        return await(() -> tasks.findById(task.id()).filter(t -> t.status().finished()).orElse(null));
    }

    static <T> T await(Supplier<T> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            T value = condition.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("condition not reached in 10 s");
    }

    @Override
    public void close() {
        services.close();
    }
}
