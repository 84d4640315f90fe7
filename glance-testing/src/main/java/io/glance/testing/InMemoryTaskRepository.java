package io.glance.testing;

import io.glance.domain.ConflictException;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.task.Task;
import io.glance.domain.task.TaskStatus;
import io.glance.ports.out.TaskRepository;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** {@link TaskRepository} in memory, behaving like the database adapter (conditional updates, soft expiry). */
public final class InMemoryTaskRepository implements TaskRepository {
    private static final Map<String, Function<Task, Comparable<?>>> SORT_KEYS = Map.of(
            "created_at", Task::createdAt, "updated_at", Task::updatedAt, "id", Task::id,
            "status", task -> task.status().wireName(), "type", Task::type,
            "expires_at", task -> task.expiresAt() == null ? Instant.MIN : task.expiresAt());

    private final Map<String, Task> tasks = new LinkedHashMap<>();

    @Override
    public synchronized void create(Task task) {
        if (tasks.containsKey(task.id())) {
            throw new ConflictException("Task with identifier " + task.id() + " already exists");
        }
        tasks.put(task.id(), task);
    }

    @Override
    public synchronized Optional<Task> findById(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    @Override
    public synchronized Task update(Task task, TaskStatus expectedStatus) {
        Task stored = tasks.get(task.id());
        if (stored == null) {
            throw new NotFoundException("Task with the given ID " + task.id() + " was not found");
        }
        if (stored.status() != expectedStatus) {
            throw new ConflictException("Task " + task.id() + " is " + stored.status().wireName() + ", not "
                    + expectedStatus.wireName());
        }
        tasks.put(task.id(), task);
        return task;
    }

    @Override
    public synchronized List<Task> listForImage(String imageId) {
        return tasks.values().stream().filter(task -> Objects.equals(imageId, task.imageId()))
                .sorted(Comparator.comparing(Task::createdAt).thenComparing(Task::id)).toList();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public synchronized List<Task> list(TaskStatus status, String type, String sortKey, boolean ascending) {
        Function<Task, Comparable<?>> key = SORT_KEYS.get(sortKey == null ? "created_at" : sortKey);
        if (key == null) {
            throw new InvalidInputException("Invalid sort key: " + sortKey);
        }
        Comparator<Task> order = Comparator.comparing(task -> (Comparable) key.apply(task));
        order = order.thenComparing(Task::id);
        return tasks.values().stream().filter(task -> status == null || task.status() == status)
                .filter(task -> type == null || type.equals(task.type()))
                .sorted(ascending ? order : order.reversed()).toList();
    }

    @Override
    public synchronized List<Task> listUnfinished(String worker) {
        return tasks.values().stream().filter(task -> Objects.equals(worker, task.worker())
                && !task.status().finished()).toList();
    }

    @Override
    public synchronized int deleteExpired(Instant now) {
        List<String> expired = tasks.values().stream().filter(task -> task.expiredAt(now)).map(Task::id).toList();
        expired.forEach(tasks::remove);
        return expired.size();
    }
}
