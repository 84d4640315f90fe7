package io.glance.server.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog's bad-input table against a real glance-api: each request gets its 4xx with a message naming the
 * offending value, never a 5xx, including those Glance itself answers with 500 (spec §14.9).
 */
class MetadefBadInputEndToEndTest {
    private static final String NS = "/v2/metadefs/namespaces";
    private static final String P = NS + "/bad-input";
    private static final String LONG = "x".repeat(81);

    @TempDir
    static Path work;
    private static GlanceProcess glance;
    private static MetadefHttp http;

    /** A protected namespace with one of each child, and an unprotected one to try renames on. */
    @BeforeAll
    static void startServerWithACatalog() throws Exception {
        glance = GlanceProcess.start(work);
        http = new MetadefHttp(glance.endpoint());
        MetadefHttp.Reply created = http.post(NS, "{\"namespace\":\"bad-input\",\"protected\":true,"
                + "\"resource_type_associations\":[{\"name\":\"OS::Glance::Image\",\"prefix\":\"hw_\"}],"
                + "\"objects\":[{\"name\":\"obj\"},{\"name\":\"obj2\"}],\"tags\":[{\"name\":\"tag\"},{\"name\":\"tag2\"}],"
                + "\"properties\":{\"prop\":{\"title\":\"P\",\"type\":\"string\"},\"prop2\":{\"title\":\"P\","
                + "\"type\":\"string\"}}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(http.post(NS, "{\"namespace\":\"other\"}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (glance != null) {
            glance.close();
        }
    }

    private record Case(String name, String method, String path, String body, int status, String named) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case of(String name, String method, String path, String body, int status, String named) {
        return new Case(name, method, path, body, status, named);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                of("duplicate namespace", "POST", NS, "{\"namespace\":\"bad-input\"}", 409, "bad-input"),
                of("namespace name with a slash", "POST", NS, "{\"namespace\":\"a/b\"}", 400, "a/b"),
                of("over-long namespace name", "POST", NS, "{\"namespace\":\"" + LONG + "\"}", 400, LONG),
                of("4-byte character in a name", "POST", NS, "{\"namespace\":\"smile\uD83D\uDE00\"}", 400, "smile"),
                of("namespace without a name", "POST", NS, "{\"display_name\":\"x\"}", 400, "namespace"),
                of("unknown namespace key", "POST", NS, "{\"namespace\":\"n1\",\"colour\":\"red\"}", 400, "colour"),
                of("read-only namespace key", "POST", NS, "{\"namespace\":\"n2\",\"created_at\":\"x\"}", 403,
                        "created_at"),
                of("bad visibility", "POST", NS, "{\"namespace\":\"n3\",\"visibility\":\"shared\"}", 400, "shared"),
                of("protected not a boolean", "POST", NS, "{\"namespace\":\"n4\",\"protected\":\"yes\"}", 400,
                        "yes"),
                of("malformed JSON", "POST", NS, "{\"namespace\": ", 400, null),
                of("a JSON array body", "POST", NS, "[]", 400, null),
                of("no body", "POST", NS, null, 400, "Body expected"),
                of("nested property with an unknown key", "POST", NS, "{\"namespace\":\"n5\",\"properties\":"
                        + "{\"p\":{\"title\":\"P\",\"type\":\"string\",\"colour\":1}}}", 400, "colour"),
                of("nested property with a non-string enum", "POST", NS, "{\"namespace\":\"n6\",\"properties\":"
                        + "{\"p\":{\"title\":\"P\",\"type\":\"string\",\"enum\":[1,2]}}}", 400, "enum"),
                of("nested property without a title", "POST", NS, "{\"namespace\":\"n7\",\"properties\":"
                        + "{\"p\":{\"type\":\"string\"}}}", 400, "title"),
                of("nested duplicate tags", "POST", NS, "{\"namespace\":\"n8\",\"tags\":[{\"name\":\"d\"},"
                        + "{\"name\":\"d\"}]}", 409, "d"),
                of("non-integer limit", "GET", NS + "?limit=ten", null, 400, "ten"),
                of("negative limit", "GET", NS + "?limit=-1", null, 400, "-1"),
                of("unknown sort key", "GET", NS + "?sort_key=colour", null, 400, "colour"),
                of("bad sort direction", "GET", NS + "?sort_dir=up", null, 400, "up"),
                of("bad visibility filter", "GET", NS + "?visibility=shared", null, 400, "shared"),
                of("unknown marker", "GET", NS + "?marker=nothing-here", null, 404, "nothing-here"),
                of("unknown namespace", "GET", NS + "/nothing-here", null, 404, "nothing-here"),
                of("body on a namespace GET", "GET", P, "{}", 400, "body"),
                of("PUT without the namespace name", "PUT", P, "{\"display_name\":\"x\"}", 400, "namespace"),
                of("rename onto another namespace", "PUT", NS + "/other", "{\"namespace\":\"bad-input\"}", 409,
                        "bad-input"),
                of("PATCH a namespace", "PATCH", P, "{}", 405, "PATCH"),
                of("delete a protected namespace", "DELETE", P, null, 403, "bad-input"),
                of("delete an object of a protected namespace", "DELETE", P + "/objects/obj", null, 403,
                        "bad-input"),
                of("delete all tags of a protected namespace", "DELETE", P + "/tags", null, 403, "bad-input"),
                of("delete all properties of a protected namespace", "DELETE", P + "/properties", null, 403,
                        "bad-input"),
                of("dissociate in a protected namespace", "DELETE", P + "/resource_types/OS::Glance::Image", null,
                        403, "bad-input"),
                of("property without a title", "POST", P + "/properties", "{\"name\":\"q\",\"type\":\"string\"}",
                        400, "title"),
                of("property of an unknown type", "POST", P + "/properties",
                        "{\"name\":\"q\",\"title\":\"Q\",\"type\":\"text\"}", 400, "text"),
                of("property items without a type", "POST", P + "/properties",
                        "{\"name\":\"q\",\"title\":\"Q\",\"type\":\"array\",\"items\":{\"enum\":[\"a\"]}}", 400,
                        "type"),
                of("property with 'required'", "POST", P + "/properties",
                        "{\"name\":\"q\",\"title\":\"Q\",\"type\":\"string\",\"required\":[\"a\"]}", 400, "required"),
                of("property with a negative maxLength", "POST", P + "/properties",
                        "{\"name\":\"q\",\"title\":\"Q\",\"type\":\"string\",\"maxLength\":-1}", 400, "maxLength"),
                of("property name with a slash", "POST", P + "/properties",
                        "{\"name\":\"a/b\",\"title\":\"Q\",\"type\":\"string\"}", 400, "a/b"),
                of("duplicate property", "POST", P + "/properties",
                        "{\"name\":\"prop\",\"title\":\"Q\",\"type\":\"string\"}", 409, "prop"),
                of("property renamed onto another", "PUT", P + "/properties/prop",
                        "{\"name\":\"prop2\",\"title\":\"Q\",\"type\":\"string\"}", 409, "prop2"),
                of("property show with an unassociated resource type", "GET",
                        P + "/properties/hw_prop?resource_type=OS::Nova::Flavor", null, 404, "OS::Nova::Flavor"),
                of("unknown property", "GET", P + "/properties/nothing", null, 404, "nothing"),
                of("duplicate object", "POST", P + "/objects", "{\"name\":\"obj\"}", 409, "obj"),
                of("object with repeated required names", "POST", P + "/objects",
                        "{\"name\":\"o2\",\"required\":[\"a\",\"a\"]}", 400, "non-unique"),
                of("object property with an unknown key", "PUT", P + "/objects/obj",
                        "{\"name\":\"obj\",\"properties\":{\"p\":{\"title\":\"P\",\"type\":\"string\",\"x\":1}}}",
                        400, "'x'"),
                of("object renamed onto another", "PUT", P + "/objects/obj", "{\"name\":\"obj2\"}", 409, "obj2"),
                of("object with self", "POST", P + "/objects", "{\"name\":\"o3\",\"self\":\"x\"}", 403, "self"),
                of("bulk tags without 'tags'", "POST", P + "/tags", "{\"names\":[\"a\"]}", 400, "names"),
                of("bulk tags repeating a name", "POST", P + "/tags",
                        "{\"tags\":[{\"name\":\"dup\"},{\"name\":\"dup\"}]}", 409, "dup"),
                of("over-long tag", "POST", P + "/tags/" + LONG, null, 400, LONG),
                of("duplicate tag", "POST", P + "/tags/tag", null, 409, "tag"),
                of("tag renamed onto another", "PUT", P + "/tags/tag", "{\"name\":\"tag2\"}", 409, "tag2"),
                of("tag list with an unknown sort key", "GET", P + "/tags?sort_key=colour", null, 400, "colour"),
                of("tag list with an unknown marker", "GET", P + "/tags?marker=nothing", null, 404, "nothing"),
                of("association already there", "POST", P + "/resource_types", "{\"name\":\"OS::Glance::Image\"}",
                        409, "OS::Glance::Image"),
                of("dissociate an unknown resource type", "DELETE", NS + "/other/resource_types/OS::Nothing", null,
                        404, "OS::Nothing"),
                of("association without a name", "POST", P + "/resource_types", "{\"prefix\":\"x_\"}", 400, "name"),
                of("over-long prefix", "POST", P + "/resource_types", "{\"name\":\"T\",\"prefix\":\"" + LONG + "\"}",
                        400, LONG),
                of("object list with limit 0", "GET", P + "/objects?limit=0", null, 400, "0"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void answersWithAClientErrorNamingTheValue(Case bad) throws Exception {
        MetadefHttp.Reply reply = http.send(bad.method(), bad.path(), bad.body());
        assertThat(reply.status()).as(bad.name() + ": " + reply.body()).isEqualTo(bad.status());
        if (bad.named() != null) {
            assertThat(reply.body()).as("the message names the offending value").contains(bad.named());
        }
    }
}
