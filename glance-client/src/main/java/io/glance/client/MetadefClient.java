package io.glance.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The metadata definitions catalog ({@code /v2/metadefs}) of one glance-api: namespaces, their objects, property
 * definitions, tags and resource-type associations. Answers are the server's JSON objects as maps (the catalog's
 * documents are free-form JSON Schema fragments); failures are the {@link GlanceClientException} subclasses of
 * {@link GlanceClient}. Names travel URL-encoded, so names with spaces or {@code ::} work.
 */
public final class MetadefClient {
    private static final String NAMESPACES = "/v2/metadefs/namespaces";
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Transport transport;

    MetadefClient(Transport transport) {
        this.transport = requireNonNull(transport, "transport is null");
    }

    // ---- namespaces --------------------------------------------------------------------------------------------

    /**
     * Every namespace the caller can see that matches the filters, following {@code next} links.
     *
     * @param filters list parameters by name ({@code visibility}, {@code resource_types}, {@code sort_key},
     *                {@code sort_dir}, {@code limit} as page size)
     */
    public List<Map<String, Object>> listNamespaces(Map<String, String> filters) {
        requireNonNull(filters, "filters is null");
        List<Map<String, Object>> namespaces = new ArrayList<>();
        String query = filters.entrySet().stream().map(entry -> query(entry.getKey()) + "=" + query(entry.getValue()))
                .collect(Collectors.joining("&"));
        String page = NAMESPACES + (query.isEmpty() ? "" : "?" + query);
        while (page != null) {
            Map<String, Object> answer = transport.json("GET", page, null, null);
            namespaces.addAll(objects(answer.get("namespaces")));
            Object next = answer.get("next");
            page = next instanceof String link ? link : null;
        }
        return namespaces;
    }

    /** Creates a namespace from its JSON body (nested objects, properties, tags and associations allowed). */
    public Map<String, Object> createNamespace(Map<String, Object> body) {
        return transport.json("POST", NAMESPACES, JSON, requireNonNull(body, "body is null"));
    }

    /** @param resourceType null, or a resource type whose prefix the property names should show with */
    public Map<String, Object> showNamespace(String namespace, String resourceType) {
        return transport.json("GET", namespacePath(namespace)
                + (resourceType == null ? "" : "?resource_type=" + query(resourceType)), null, null);
    }

    /** Full replacement of the namespace's own fields: fields left out are reset. */
    public Map<String, Object> updateNamespace(String namespace, Map<String, Object> body) {
        return transport.json("PUT", namespacePath(namespace), JSON, requireNonNull(body, "body is null"));
    }

    public void deleteNamespace(String namespace) {
        transport.json("DELETE", namespacePath(namespace), null, null);
    }

    // ---- objects -----------------------------------------------------------------------------------------------

    public List<Map<String, Object>> listObjects(String namespace) {
        return objects(transport.json("GET", namespacePath(namespace) + "/objects", null, null).get("objects"));
    }

    public Map<String, Object> createObject(String namespace, Map<String, Object> body) {
        return transport.json("POST", namespacePath(namespace) + "/objects", JSON, requireNonNull(body, "body"));
    }

    public Map<String, Object> showObject(String namespace, String object) {
        return transport.json("GET", childPath(namespace, "objects", object), null, null);
    }

    public Map<String, Object> updateObject(String namespace, String object, Map<String, Object> body) {
        return transport.json("PUT", childPath(namespace, "objects", object), JSON, requireNonNull(body, "body"));
    }

    public void deleteObject(String namespace, String object) {
        transport.json("DELETE", childPath(namespace, "objects", object), null, null);
    }

    public void deleteObjects(String namespace) {
        transport.json("DELETE", namespacePath(namespace) + "/objects", null, null);
    }

    // ---- properties --------------------------------------------------------------------------------------------

    /** Property definitions by name. */
    public Map<String, Map<String, Object>> listProperties(String namespace) {
        Object properties = transport.json("GET", namespacePath(namespace) + "/properties", null, null)
                .get("properties");
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        if (properties instanceof Map<?, ?> map) {
            map.forEach((name, definition) -> byName.put(String.valueOf(name), object(definition)));
        }
        return byName;
    }

    /** @param body the definition with its {@code name}, {@code title} and {@code type} */
    public Map<String, Object> createProperty(String namespace, Map<String, Object> body) {
        return transport.json("POST", namespacePath(namespace) + "/properties", JSON, requireNonNull(body, "body"));
    }

    public Map<String, Object> showProperty(String namespace, String property) {
        return transport.json("GET", childPath(namespace, "properties", property), null, null);
    }

    public Map<String, Object> updateProperty(String namespace, String property, Map<String, Object> body) {
        return transport.json("PUT", childPath(namespace, "properties", property), JSON,
                requireNonNull(body, "body"));
    }

    public void deleteProperty(String namespace, String property) {
        transport.json("DELETE", childPath(namespace, "properties", property), null, null);
    }

    public void deleteProperties(String namespace) {
        transport.json("DELETE", namespacePath(namespace) + "/properties", null, null);
    }

    // ---- tags --------------------------------------------------------------------------------------------------

    public List<String> listTags(String namespace) {
        return names(transport.json("GET", namespacePath(namespace) + "/tags", null, null).get("tags"));
    }

    /** Replaces the namespace's tags with {@code names}, or with {@code append} adds them; all or nothing. */
    public List<String> createTags(String namespace, List<String> names, boolean append) {
        List<Map<String, Object>> tags = new ArrayList<>();
        names.forEach(name -> tags.add(Map.of("name", name)));
        HttpRequest.Builder request = transport.request(namespacePath(namespace) + "/tags")
                .header("Content-Type", JSON)
                .header("X-Openstack-Append", Boolean.toString(append))
                .POST(HttpRequest.BodyPublishers.ofString(toJson(Map.of("tags", tags))));
        return names(transport.json("POST", namespacePath(namespace) + "/tags", request.build()).get("tags"));
    }

    public Map<String, Object> createTag(String namespace, String tag) {
        return transport.json("POST", childPath(namespace, "tags", tag), null, null);
    }

    public Map<String, Object> showTag(String namespace, String tag) {
        return transport.json("GET", childPath(namespace, "tags", tag), null, null);
    }

    public Map<String, Object> renameTag(String namespace, String tag, String newName) {
        return transport.json("PUT", childPath(namespace, "tags", tag), JSON, Map.of("name", newName));
    }

    public void deleteTag(String namespace, String tag) {
        transport.json("DELETE", childPath(namespace, "tags", tag), null, null);
    }

    public void deleteTags(String namespace) {
        transport.json("DELETE", namespacePath(namespace) + "/tags", null, null);
    }

    // ---- resource types ----------------------------------------------------------------------------------------

    public List<Map<String, Object>> listResourceTypes() {
        return objects(transport.json("GET", "/v2/metadefs/resource_types", null, null).get("resource_types"));
    }

    public List<Map<String, Object>> listAssociations(String namespace) {
        return objects(transport.json("GET", namespacePath(namespace) + "/resource_types", null, null)
                .get("resource_type_associations"));
    }

    /** @param prefix and {@code propertiesTarget} may be null */
    public Map<String, Object> associate(String namespace, String resourceType, String prefix,
                                        String propertiesTarget) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", requireNonNull(resourceType, "resourceType is null"));
        if (prefix != null) {
            body.put("prefix", prefix);
        }
        if (propertiesTarget != null) {
            body.put("properties_target", propertiesTarget);
        }
        return transport.json("POST", namespacePath(namespace) + "/resource_types", JSON, body);
    }

    public void dissociate(String namespace, String resourceType) {
        transport.json("DELETE", childPath(namespace, "resource_types", resourceType), null, null);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static String namespacePath(String namespace) {
        return NAMESPACES + "/" + segment(requireNonNull(namespace, "namespace is null"));
    }

    private static String childPath(String namespace, String kind, String name) {
        return namespacePath(namespace) + "/" + kind + "/" + segment(requireNonNull(name, kind + " name is null"));
    }

    /** One path segment, percent-encoded ('+' is a literal plus in a path, so spaces become %20). */
    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<Map<String, Object>> objects(Object array) {
        List<Map<String, Object>> objects = new ArrayList<>();
        if (array instanceof List<?> list) {
            list.forEach(item -> objects.add(object(item)));
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<String> names(Object array) {
        return objects(array).stream().map(item -> String.valueOf(item.get("name"))).toList();
    }

    private static String toJson(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + body, e);
        }
    }
}
