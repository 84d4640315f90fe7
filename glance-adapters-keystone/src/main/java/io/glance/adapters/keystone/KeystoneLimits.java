package io.glance.adapters.keystone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.ServiceUnavailableException;
import io.glance.ports.out.ProjectLimits;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Keystone's unified limits API read as oslo.limit reads it: glance's endpoint ({@code GET /v3/endpoints/{id}})
 * names the service and region once; then, for each check, the registered defaults ({@code GET
 * /v3/registered_limits}) and the project's own limits ({@code GET /v3/limits?project_id=}), the project's winning.
 * Nothing is cached but the endpoint, as Glance makes a new enforcer for every check: a limit changed in Keystone
 * counts from the next request.
 */
public final class KeystoneLimits implements ProjectLimits {
    private final KeystoneHttp keystone;
    private final ServiceToken token;
    private final String endpointId;
    private volatile Endpoint endpoint;

    /** The service and region of glance's endpoint; the region may be {@code null}. */
    private record Endpoint(String serviceId, String regionId) {
    }

    KeystoneLimits(KeystoneHttp keystone, ServiceToken token, String endpointId) {
        this.keystone = requireNonNull(keystone, "keystone is null");
        this.token = requireNonNull(token, "token is null");
        this.endpointId = requireNonNull(endpointId, "endpointId is null");
    }

    public static KeystoneLimits of(LimitSettings settings) {
        KeystoneHttp keystone = new KeystoneHttp(settings.authUrl(), settings.timeout());
        String credentials = "the credentials of [" + LimitSettings.SECTION.name() + "] (user '"
                + settings.username() + "', " + (settings.systemScope() != null ? "system scope "
                + settings.systemScope() : "project '" + settings.projectName() + "'") + ")";
        return new KeystoneLimits(keystone, new ServiceToken(credentials, () -> passwordRequest(settings), keystone,
                Clock.systemUTC()), settings.endpointId().strip());
    }

    @Override
    public Map<String, Long> limits(String projectId, Set<String> resources) {
        requireNonNull(projectId, "projectId is null");
        Endpoint where = endpoint();
        String scope = "service_id=" + encode(where.serviceId())
                + (where.regionId() == null ? "" : "&region_id=" + encode(where.regionId()));
        Map<String, Long> limits = new HashMap<>();
        for (JsonNode registered : get("/registered_limits?" + scope).path("registered_limits")) {
            String resource = registered.path("resource_name").asText();
            if (resources.contains(resource)) {
                limits.put(resource, registered.path("default_limit").asLong());
            }
        }
        for (JsonNode own : get("/limits?" + scope + "&project_id=" + encode(projectId)).path("limits")) {
            String resource = own.path("resource_name").asText();
            if (resources.contains(resource) && projectId.equals(own.path("project_id").asText())) {
                limits.put(resource, own.path("resource_limit").asLong());
            }
        }
        return limits;
    }

    private Endpoint endpoint() {
        Endpoint known = endpoint;
        if (known == null) {
            JsonNode found = get("/endpoints/" + encode(endpointId)).path("endpoint");
            String service = found.path("service_id").asText(null);
            if (service == null) {
                throw keystone.unavailable("GET /endpoints/" + endpointId + " answered no service_id", null);
            }
            JsonNode region = found.get("region_id");
            known = new Endpoint(service, region == null || region.isNull() ? null : region.asText());
            endpoint = known;
        }
        return known;
    }

    /** A GET with glance's limits token, once more with a new token if Keystone no longer takes the first. */
    private JsonNode get(String path) {
        String used = token.get();
        KeystoneHttp.Answer answer = keystone.send("GET", path, null, Map.of("X-Auth-Token", used));
        if (answer.status() == 401) {
            token.discard(used);
            answer = keystone.send("GET", path, null, Map.of("X-Auth-Token", token.get()));
        }
        if (answer.status() == 404 && path.startsWith("/endpoints/")) {
            throw new ServiceUnavailableException("Keystone at " + keystone + " has no endpoint " + endpointId
                    + ": check " + LimitSettings.SECTION.name() + "." + LimitSettings.ENDPOINT_ID.name());
        }
        if (answer.status() != 200 || answer.body() == null) {
            throw keystone.unavailable("GET " + path + " failed with " + KeystoneHttp.errorMessage(answer)
                    + (answer.status() == 403 ? "; the user of [" + LimitSettings.SECTION.name() + "] needs to read"
                    + " limits (oslo.limit: a system reader, system_scope all)" : ""), null);
        }
        return answer.body();
    }

    private static JsonNode passwordRequest(LimitSettings settings) {
        ObjectNode body = KeystoneHttp.JSON.createObjectNode();
        ObjectNode auth = body.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", settings.username());
        user.put("password", settings.password());
        ObjectNode userDomain = user.putObject("domain");
        settings.userDomain().forEach(userDomain::put);
        ObjectNode scope = auth.putObject("scope");
        if (settings.systemScope() != null) {
            scope.putObject("system").put(settings.systemScope(), true);
        } else {
            ObjectNode project = scope.putObject("project");
            project.put("name", settings.projectName());
            ObjectNode projectDomain = project.putObject("domain");
            settings.projectDomain().forEach(projectDomain::put);
        }
        return body;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Keystone's unified limits at " + keystone + " for endpoint " + endpointId;
    }
}
