package io.glance.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.NotFoundException;
import io.glance.domain.task.Task;
import io.glance.domain.task.TaskStatus;
import io.glance.ports.out.TaskRepository;
import io.glance.registry.protocol.RegistryHeaders;
import io.glance.registry.protocol.TaskDocument;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@link TaskRepository} kept by glance-registry (the Registry API's {@code /tasks} extension), so that a glance-api
 * with {@code data_api: registry} runs imports as one with its own database does: the task's status change travels
 * with its precondition ({@link RegistryHeaders#EXPECTED_STATUS}), so a worker and a restart's recovery cannot both end
 * the same task.
 */
public final class RegistryTaskRepository implements TaskRepository {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryTransport transport;

    RegistryTaskRepository(RegistryTransport transport) {
        this.transport = requireNonNull(transport, "transport is null");
    }

    @Override
    public void create(Task task) {
        transport.send("POST", "tasks", wrap(task), Map.of());
    }

    @Override
    public Optional<Task> findById(String id) {
        try {
            return Optional.of(TaskDocument.read(transport.send("GET", "tasks/" + encode(id), null, Map.of())
                    .get("task")));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Task update(Task task, TaskStatus expectedStatus) {
        return TaskDocument.read(transport.send("PUT", "tasks/" + encode(task.id()), wrap(task),
                Map.of(RegistryHeaders.EXPECTED_STATUS, expectedStatus.wireName())).get("task"));
    }

    @Override
    public List<Task> listForImage(String imageId) {
        return list("tasks?image_id=" + encode(imageId));
    }

    @Override
    public List<Task> list(TaskStatus status, String type, String sortKey, boolean ascending) {
        StringBuilder query = new StringBuilder("tasks?sort_key=").append(encode(sortKey))
                .append("&sort_dir=").append(ascending ? "asc" : "desc");
        if (status != null) {
            query.append("&status=").append(status.wireName());
        }
        if (type != null) {
            query.append("&type=").append(encode(type));
        }
        return list(query.toString());
    }

    @Override
    public List<Task> listUnfinished(String worker) {
        return list("tasks?unfinished_of=" + encode(worker));
    }

    @Override
    public int deleteExpired(Instant now) {
        JsonNode answer = transport.send("DELETE", "tasks?expired_at=" + encode(now.toString()), null, Map.of());
        return answer == null ? 0 : answer.path("deleted").asInt();
    }

    private List<Task> list(String path) {
        JsonNode answer = transport.send("GET", path, null, Map.of());
        List<Task> tasks = new ArrayList<>();
        for (JsonNode task : answer.path("tasks")) {
            tasks.add(TaskDocument.read(task));
        }
        return tasks;
    }

    private static ObjectNode wrap(Task task) {
        ObjectNode body = JSON.createObjectNode();
        body.set("task", TaskDocument.write(task));
        return body;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
