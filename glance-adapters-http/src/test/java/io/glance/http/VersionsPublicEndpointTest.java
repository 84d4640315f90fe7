package io.glance.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@RoutingTest
class VersionsPublicEndpointTest {
    private static final TestApi API =
            TestApi.singleStore(ApiSettings.defaults().withPublicEndpoint("https://images.example/image/"));
    private final Http http;

    VersionsPublicEndpointTest(DirectClient client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        API.register(routing);
    }

    @Test
    void publicEndpointReplacesTheHostInSelfLinks() {
        Http.Reply reply = http.get("/versions", "Host", "internal:9292");
        assertThat(reply.json().get("versions").get(3).get("links").get(0).get("href").textValue())
                .isEqualTo("https://images.example/image/v2/");
    }
}
