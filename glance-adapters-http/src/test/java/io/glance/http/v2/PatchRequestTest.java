package io.glance.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.glance.domain.ForbiddenException;
import io.glance.domain.InvalidInputException;
import io.glance.http.common.Json;
import io.glance.ports.in.PatchOperation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class PatchRequestTest {
    private static final ImageSchemaValidator SCHEMA = new ImageSchemaValidator(SchemaDocuments.load().image());

    private static JsonNode json(String text) throws Exception {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<PatchOperation> parse(PatchMediaType dialect, String body) throws Exception {
        return PatchRequest.toOperations(dialect, PatchRequest.decode(dialect, json(body)), SCHEMA);
    }

    @Test
    void decodesRfc6902Operations() throws Exception {
        List<PatchOperation> operations = parse(PatchMediaType.V2_1, """
                [{"op": "add", "path": "/name", "value": "n"},
                 {"op": "replace", "path": "/min_ram", "value": 512},
                 {"op": "add", "path": "/tags", "value": ["a", "b"]},
                 {"op": "remove", "path": "/a~1b~0c"},
                 {"op": "add", "path": "/os_distro", "value": "cirros"}]""");
        assertThat(operations).containsExactly(
                new PatchOperation(PatchOperation.Op.ADD, "name", "n", false),
                new PatchOperation(PatchOperation.Op.REPLACE, "min_ram", 512L, false),
                new PatchOperation(PatchOperation.Op.ADD, "tags", List.of("a", "b"), false),
                new PatchOperation(PatchOperation.Op.REMOVE, "a/b~c", null, false),
                new PatchOperation(PatchOperation.Op.ADD, "os_distro", "cirros", false));
    }

    @Test
    void decodesDraft4OperationsAsStrictAdds() throws Exception {
        assertThat(parse(PatchMediaType.V2_0, "[{\"add\": \"/k\", \"value\": \"v\"}, {\"remove\": \"/x\"}]"))
                .containsExactly(new PatchOperation(PatchOperation.Op.ADD, "k", "v", true),
                        new PatchOperation(PatchOperation.Op.REMOVE, "x", null, true));
        assertThatThrownBy(() -> parse(PatchMediaType.V2_0, "[{\"add\": \"/k\", \"remove\": \"/k\"}]"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("only one member");
    }

    @Test
    void bodyMustBeAnArrayOfObjectsWithAKnownOperation() {
        assertThatThrownBy(() -> parse(PatchMediaType.V2_1, "{\"op\": \"add\"}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("JSON array");
        assertThatThrownBy(() -> parse(PatchMediaType.V2_1, "[1]"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Operations must be JSON objects");
        assertThatThrownBy(() -> parse(PatchMediaType.V2_1, "[{\"op\": \"move\", \"path\": \"/a\"}]"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Invalid operation: `move`");
        assertThatThrownBy(() -> parse(PatchMediaType.V2_1, "[{\"path\": \"/a\"}]"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Unable to find `op`");
        assertThatThrownBy(() -> parse(PatchMediaType.V2_1, "[{\"op\": \"add\", \"path\": \"/a\"}]"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("requires a member named \"value\"");
    }

    @Test
    void pointersFollowGlancesRestrictedForm() {
        Map<String, String> bad = Map.of("name", "does not start with", "//name", "adjacent",
                "/name/", "end with", "/a~2b", "recognized escape", "/a~", "recognized escape",
                "/a/b", "Invalid JSON pointer for this resource", "/", "valid token");
        bad.forEach((pointer, message) -> assertThat(catchThrowable(() -> parse(PatchMediaType.V2_1,
                "[{\"op\": \"add\", \"path\": \"" + pointer + "\", \"value\": \"v\"}]"))).as(pointer)
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(message));
    }

    @Test
    void readOnlyReservedAndLocationsAreForbidden() {
        for (String key : List.of("status", "id", "checksum", "created_at", "self", "stores", "size")) {
            assertThatThrownBy(() -> parse(PatchMediaType.V2_1,
                    "[{\"op\": \"replace\", \"path\": \"/" + key + "\", \"value\": \"x\"}]")).as(key)
                    .isInstanceOf(ForbiddenException.class).hasMessage("Attribute '" + key + "' is read-only.");
        }
        for (String key : List.of("deleted", "location", "os_glance_importing_to_stores")) {
            assertThatThrownBy(() -> parse(PatchMediaType.V2_1,
                    "[{\"op\": \"add\", \"path\": \"/" + key + "\", \"value\": \"x\"}]")).as(key)
                    .isInstanceOf(ForbiddenException.class).hasMessage("Attribute '" + key + "' is reserved.");
        }
        assertThatThrownBy(() -> parse(PatchMediaType.V2_1,
                "[{\"op\": \"add\", \"path\": \"/locations/-\", \"value\": {\"url\": \"x\", \"metadata\": {}}}]"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("locations are invisible");
        assertThatThrownBy(() -> parse(PatchMediaType.V2_1,
                "[{\"op\": \"replace\", \"path\": \"/locations\", \"value\": []}]"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("empty list");
    }

    @Test
    void valuesAreCheckedAgainstTheImageSchema() {
        assertThatThrownBy(() -> parse(PatchMediaType.V2_1,
                "[{\"op\": \"replace\", \"path\": \"/min_ram\", \"value\": \"512\"}]"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'512' is not of type 'integer'");
        assertThatThrownBy(() -> parse(PatchMediaType.V2_1,
                "[{\"op\": \"add\", \"path\": \"/hw_disk_bus\", \"value\": 1}]"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1 is not of type 'string'");
        assertThatThrownBy(() -> parse(PatchMediaType.V2_1,
                "[{\"op\": \"replace\", \"path\": \"/disk_format\", \"value\": \"floppy\"}]"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'floppy' is not one of");
        assertThatThrownBy(() -> parse(PatchMediaType.V2_1,
                "[{\"op\": \"add\", \"path\": \"/kernel_id\", \"value\": \"not-a-uuid\"}]"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> parse(PatchMediaType.V2_1,
                "[{\"op\": \"add\", \"path\": \"/tags\", \"value\": [\"" + "t".repeat(256) + "\"]}]"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is too long");
    }
}
