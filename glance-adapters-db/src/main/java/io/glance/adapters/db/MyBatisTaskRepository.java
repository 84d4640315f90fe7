package io.glance.adapters.db;

import io.glance.domain.ConflictException;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.task.Task;
import io.glance.domain.task.TaskStatus;
import io.glance.ports.out.TaskRepository;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@link TaskRepository} on MyBatis: one transaction per method. */
final class MyBatisTaskRepository implements TaskRepository {
    /** Sort keys GET /v2/tasks accepts, to their columns: the only text that reaches the ORDER BY. */
    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "created_at", "updated_at",
            "updated_at", "id", "id", "status", "status", "type", "task_type", "expires_at", "expires_at");

    private final Transactions transactions;

    MyBatisTaskRepository(Transactions transactions) {
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    @Override
    public void create(Task task) {
        transactions.run("create task " + task.id(), session -> {
            try {
                session.getMapper(TaskMapper.class).insert(TaskRow.of(task));
            } catch (RuntimeException e) {
                if (DatabaseFailures.isDuplicateKey(e)) {
                    throw new ConflictException("Task with identifier " + task.id() + " already exists", e);
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public Optional<Task> findById(String id) {
        return transactions.run("find task " + id, session ->
                Optional.ofNullable(session.getMapper(TaskMapper.class).select(id)).map(TaskRow::toTask));
    }

    @Override
    public Task update(Task task, TaskStatus expectedStatus) {
        return transactions.run("update task " + task.id(), session -> {
            TaskMapper mapper = session.getMapper(TaskMapper.class);
            if (mapper.update(TaskRow.of(task), expectedStatus.wireName()) == 0) {
                TaskRow stored = mapper.select(task.id());
                if (stored == null) {
                    throw new NotFoundException("Task with the given ID " + task.id() + " was not found");
                }
                throw new ConflictException("Task " + task.id() + " is " + stored.status() + ", not "
                        + expectedStatus.wireName());
            }
            return task;
        });
    }

    @Override
    public List<Task> listForImage(String imageId) {
        return transactions.run("list tasks of image " + imageId, session ->
                session.getMapper(TaskMapper.class).selectForImage(imageId).stream().map(TaskRow::toTask).toList());
    }

    @Override
    public List<Task> list(TaskStatus status, String type, String sortKey, boolean ascending) {
        String column = SORT_COLUMNS.get(sortKey == null ? "created_at" : sortKey);
        if (column == null) {
            throw new InvalidInputException("Invalid sort key: " + sortKey);
        }
        return transactions.run("list tasks", session -> session.getMapper(TaskMapper.class)
                .selectList(status == null ? null : status.wireName(), type, column, ascending).stream()
                .map(TaskRow::toTask).toList());
    }

    @Override
    public List<Task> listUnfinished(String worker) {
        return transactions.run("list unfinished tasks of " + worker, session ->
                session.getMapper(TaskMapper.class).selectUnfinished(worker).stream().map(TaskRow::toTask).toList());
    }

    @Override
    public int deleteExpired(Instant now) {
        return transactions.run("delete expired tasks", session ->
                session.getMapper(TaskMapper.class).deleteExpired(now));
    }
}
