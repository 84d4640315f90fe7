package io.glance.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.glance.domain.ImageFormats;
import io.glance.http.common.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaDocumentsTest {
    private static final SchemaDocuments DOCUMENTS = SchemaDocuments.load();

    private static JsonNode schema(String name) {
        return Json.parseTrusted(DOCUMENTS.document(name).orElseThrow());
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.isNull() ? null : value.textValue()));
        return values;
    }

    @Test
    void imageSchemaHasNoStoresPropertyBecauseGlanceclientWouldBreak() {
        assertThat(schema("image").path("properties").has("stores")).isFalse();
        assertThat(schema("images").path("properties").path("images").path("items").path("properties").has("stores"))
                .isFalse();
    }

    @Test
    void imageSchemaTypesAreExact() {
        JsonNode properties = schema("image").path("properties");
        assertThat(texts(properties.path("name").path("type"))).containsExactly("null", "string");
        assertThat(properties.path("min_ram").path("type").textValue()).isEqualTo("integer");
        assertThat(properties.path("min_disk").path("type").textValue()).isEqualTo("integer");
        assertThat(properties.path("os_hidden").path("type").textValue()).isEqualTo("boolean");
        assertThat(properties.path("protected").path("type").textValue()).isEqualTo("boolean");
        assertThat(texts(properties.path("checksum").path("type"))).containsExactly("null", "string");
        assertThat(texts(properties.path("size").path("type"))).containsExactly("null", "integer");
        assertThat(properties.path("tags").path("items").path("type").textValue()).isEqualTo("string");
        assertThat(properties.path("locations").path("type").textValue()).isEqualTo("array");
        assertThat(properties.path("kernel_id").path("is_base").booleanValue()).isFalse();
        assertThat(schema("image").path("additionalProperties")).isEqualTo(Json.object().put("type", "string"));
        assertThat(schema("image").path("links")).hasSize(3);
    }

    @Test
    void formatEnumsAreTheDomainsFormats() {
        JsonNode properties = schema("image").path("properties");
        List<String> disk = new ArrayList<>();
        disk.add(null);
        disk.addAll(ImageFormats.DISK_FORMATS);
        List<String> container = new ArrayList<>();
        container.add(null);
        container.addAll(ImageFormats.CONTAINER_FORMATS);
        assertThat(texts(properties.path("disk_format").path("enum"))).isEqualTo(disk);
        assertThat(texts(properties.path("container_format").path("enum"))).isEqualTo(container);
    }

    @Test
    void collectionSchemasWrapTheItemSchemas() {
        assertThat(schema("images").path("properties").path("images").path("items")).isEqualTo(schema("image"));
        assertThat(schema("members").path("properties").path("members").path("items")).isEqualTo(schema("member"));
        assertThat(texts(schema("member").path("properties").path("status").path("enum")))
                .containsExactly("pending", "accepted", "rejected");
    }

    @Test
    void everyNamedDocumentLoads() {
        for (String name : SchemaDocuments.NAMES) {
            assertThat(schema(name).path("name").isTextual()).as(name).isTrue();
        }
        assertThat(schema("metadefs/namespace").path("name").textValue()).isEqualTo("namespace");
        assertThat(schema("metadefs/resource_type").path("name").textValue()).isEqualTo("resource_type_association");
    }
}
