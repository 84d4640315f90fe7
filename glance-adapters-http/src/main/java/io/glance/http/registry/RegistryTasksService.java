package io.glance.http.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.task.Task;
import io.glance.http.common.Json;
import io.glance.http.common.JsonBodies;
import io.glance.http.common.JsonResponses;
import io.glance.ports.out.TaskRepository;
import io.glance.registry.protocol.RegistryHeaders;
import io.glance.registry.protocol.TaskDocument;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * /tasks of the Registry API, an extension for glance-api's import tasks with {@code data_api: registry} (Glance's v2
 * registry served the task_* database calls the same way): create, show, a status-conditional update, the lists the
 * task repository port has (an image's tasks, filtered and sorted, a worker's unfinished ones) and the expiry purge.
 */
final class RegistryTasksService implements HttpService {
    private static final long MAX_BODY_BYTES = 4L * 1024 * 1024;
    private static final Set<String> SORT_KEYS = Set.of("created_at", "updated_at", "id", "status", "type",
            "expires_at");

    private final TaskRepository tasks;

    RegistryTasksService(TaskRepository tasks) {
        this.tasks = requireNonNull(tasks, "tasks is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::create)
                .delete("/", this::deleteExpired)
                .get("/{id}", this::show)
                .put("/{id}", this::update);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Task task = TaskDocument.read(taskOf(JsonBodies.require(req, MAX_BODY_BYTES)));
        tasks.create(task);
        send(res, task);
    }

    private void show(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        send(res, tasks.findById(id).orElseThrow(() -> new NotFoundException("Task " + id + " not found")));
    }

    private void update(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Task task = TaskDocument.read(taskOf(JsonBodies.require(req, MAX_BODY_BYTES)));
        if (!task.id().equals(id)) {
            throw new InvalidInputException("The task id in the body (" + task.id() + ") differs from the one in the"
                    + " path (" + id + ")");
        }
        String expected = req.headers().first(HeaderNames.create(RegistryHeaders.EXPECTED_STATUS)).orElseThrow(() ->
                new InvalidInputException("A task update needs the " + RegistryHeaders.EXPECTED_STATUS + " header"));
        send(res, tasks.update(task, TaskDocument.status(expected)));
    }

    private void list(ServerRequest req, ServerResponse res) {
        UriQuery query = req.query();
        List<Task> found;
        if (query.first("image_id").isPresent()) {
            found = tasks.listForImage(query.first("image_id").get());
        } else if (query.first("unfinished_of").isPresent()) {
            found = tasks.listUnfinished(query.first("unfinished_of").get());
        } else {
            String sortKey = query.first("sort_key").orElse("created_at");
            if (!SORT_KEYS.contains(sortKey)) {
                throw new InvalidInputException("Invalid sort_key: " + sortKey);
            }
            String sortDir = query.first("sort_dir").orElse("desc");
            if (!sortDir.equals("asc") && !sortDir.equals("desc")) {
                throw new InvalidInputException("Invalid sort direction: " + sortDir);
            }
            found = tasks.list(query.first("status").map(TaskDocument::status).orElse(null),
                    query.first("type").orElse(null), sortKey, sortDir.equals("asc"));
        }
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("tasks");
        found.forEach(task -> list.add(TaskDocument.write(task)));
        JsonResponses.send(res, Status.OK_200, body);
    }

    private void deleteExpired(ServerRequest req, ServerResponse res) {
        String at = req.query().first("expired_at").orElseThrow(() ->
                new InvalidInputException("Deleting tasks needs expired_at"));
        Instant now;
        try {
            now = Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("Invalid expired_at: '" + at + "' (expected an ISO-8601 instant)");
        }
        ObjectNode body = Json.object();
        body.put("deleted", tasks.deleteExpired(now));
        JsonResponses.send(res, Status.OK_200, body);
    }

    private static JsonNode taskOf(JsonNode body) {
        JsonNode task = body.get("task");
        if (task == null || !task.isObject()) {
            throw new InvalidInputException("Expected a body of the form {\"task\": {...}}, got " + body);
        }
        return task;
    }

    private static void send(ServerResponse res, Task task) {
        ObjectNode body = Json.object();
        body.set("task", TaskDocument.write(task));
        JsonResponses.send(res, Status.OK_200, body);
    }
}
