package io.glance.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.InvalidInputException;
import io.glance.domain.task.Task;
import io.glance.domain.task.TaskStatus;
import io.glance.http.ApiSettings;
import io.glance.http.common.Json;
import io.glance.http.common.JsonBodies;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.http.errors.HttpStatusException;
import io.glance.ports.in.ImageImport;
import io.glance.ports.in.TaskQuery;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The legacy tasks API (spec §9.1), admin only by {@code tasks_api_access}: list with Glance's filters, paging and
 * sort, show, DELETE always 405. POST creates a legacy {@code import} task (201, the task {@code pending}, its URL in
 * {@code Location}); the input is checked here for shape ({@link LegacyImportInput}), the URL by the use case.
 */
final class TasksService implements HttpService {
    private static final Set<String> SORT_KEYS = Set.of("created_at", "updated_at", "id", "status", "type",
            "expires_at");
    private static final Set<String> TYPES = Set.of("import", "api_image_import");

    private final ImageImport imports;
    private final ApiSettings settings;
    private final ImageSchemaValidator schema;

    TasksService(ImageImport imports, ApiSettings settings, ImageSchemaValidator schema) {
        this.schema = requireNonNull(schema, "schema is null");
        this.imports = requireNonNull(imports, "imports is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::create)
                .any("/", MethodNotAllowed.allowing("GET, POST"))
                .get("/{taskId}", this::show)
                .delete("/{taskId}", (req, res) -> {
                    throw new HttpStatusException(405, "This operation is currently not permitted on Glance Tasks."
                            + " They are auto deleted after reaching the time based on their expires_at property.");
                })
                .any("/{taskId}", MethodNotAllowed.allowing("GET"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        UriQuery query = req.query();
        TaskStatus status = query.first("status").map(TaskStatus::fromWire).orElse(null);
        String type = query.first("type").orElse(null);
        if (type != null && !TYPES.contains(type)) {
            throw new InvalidInputException("Invalid type value: " + type);
        }
        String sortKey = query.first("sort_key").orElse("created_at");
        if (!SORT_KEYS.contains(sortKey)) {
            throw new InvalidInputException("Invalid sort_key: " + sortKey + ". It must be one of the following: "
                    + String.join(", ", SORT_KEYS.stream().sorted().toList()) + ".");
        }
        String sortDir = query.first("sort_dir").orElse("desc");
        if (!sortDir.equals("asc") && !sortDir.equals("desc")) {
            throw new InvalidInputException("Invalid sort direction: " + sortDir);
        }
        int limit = settings.limitParamDefault();
        if (query.first("limit").isPresent()) {
            String text = query.first("limit").get();
            try {
                limit = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("limit param must be an integer: " + text);
            }
            if (limit < 0) {
                throw new InvalidInputException("limit param must be positive: " + text);
            }
        }
        limit = Math.min(limit, settings.apiLimitMax());
        String marker = query.first("marker").orElse(null);
        List<Task> tasks = imports.listTasks(RequestContexts.of(req), new TaskQuery(status, type, sortKey,
                sortDir.equals("asc"), marker, limit));
        ObjectNode body = Json.object();
        ArrayNode rendered = body.putArray("tasks");
        tasks.forEach(task -> rendered.add(TaskJson.stub(task)));
        String first = PageLinks.of(query.rawValue()).first().replaceFirst("^/v2/images", "/v2/tasks");
        body.put("first", first);
        body.put("schema", "/v2/schemas/tasks");
        if (!tasks.isEmpty() && tasks.size() == limit) {
            body.put("next", first + (first.contains("?") ? "&" : "?") + "marker=" + tasks.getLast().id());
        }
        JsonResponses.send(res, Status.OK_200, body);
    }

    private void show(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        Task task = imports.showTask(RequestContexts.of(req), PathParameters.get(req, "taskId"));
        JsonResponses.send(res, Status.OK_200, TaskJson.full(task));
    }

    private void create(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBodies.require(req, settings.maxJsonBodyBytes());
        // The caller first (Glance enforces tasks_api_access before it reads the body): the listing's policy answers
        // non-admins with 403; the use case checks add_task besides.
        imports.listTasks(RequestContexts.of(req), new TaskQuery(null, null, "created_at", false, null, 0));
        if (!body.isObject()) {
            throw new InvalidInputException("Provided object does not match schema 'task': " + JsonValues.repr(body)
                    + " is not of type 'object'");
        }
        JsonNode type = body.get("type");
        if (type == null) {
            throw new InvalidInputException("Task request requires a 'type' field.");
        }
        if (body.get("input") == null) {
            throw new InvalidInputException("Task request requires an 'input' field.");
        }
        if (!type.isTextual() || !TYPES.contains(type.textValue())) {
            throw new InvalidInputException("Provided object does not match schema 'task': " + JsonValues.repr(type)
                    + " is not one of ['import', 'api_image_import']");
        }
        if (!type.textValue().equals("import")) {
            throw new InvalidInputException("Tasks of type '" + type.textValue() + "' are created by POST"
                    + " /v2/images/{image_id}/import, not by POST /v2/tasks");
        }
        Task task = imports.createImportTask(RequestContexts.of(req), LegacyImportInput.parse(body.get("input"),
                schema));
        res.header("Location", "/v2/tasks/" + task.id());
        JsonResponses.send(res, Status.CREATED_201, TaskJson.full(task));
    }
}
