package io.glance.http.v2;

import io.glance.http.common.JsonResponses;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.RequestBodies;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import static java.util.Objects.requireNonNull;

/** GET /v2/schemas/{name}: the documents clients build their models from (spec §2.6). */
final class SchemasService implements HttpService {
    private final SchemaDocuments documents;

    SchemasService(SchemaDocuments documents) {
        this.documents = requireNonNull(documents, "documents is null");
    }

    @Override
    public void routing(HttpRules rules) {
        for (String name : SchemaDocuments.NAMES) {
            byte[] document = documents.document(name).orElseThrow();
            rules.get("/" + name, (req, res) -> {
                RequestBodies.requireNone(req);
                JsonResponses.send(res, Status.OK_200, document);
            });
            rules.any("/" + name, MethodNotAllowed.allowing("GET"));
        }
    }
}
