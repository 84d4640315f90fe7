package io.glance.store.swift;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Locations carry the auth host, container and image id, never credentials; foreign ones name no image. */
class SwiftLocationsTest {

    private static final String ID = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
    private final SwiftLocations locations =
            new SwiftLocations(URI.create("http://127.0.0.1:8080/auth/v1.0"), "glance");

    @Test
    void locationIsGlancesFormWithoutCredentials() {
        URI location = locations.locationOf(ID);

        assertThat(location).hasToString("swift+http://127.0.0.1:8080/auth/v1.0/glance/" + ID);
        assertThat(location.getUserInfo()).isNull();
        assertThat(locations.imageIdOf(location)).contains(ID);
    }

    @Test
    void legacyLocationsWithCredentialsStillNameTheirImage() {
        assertThat(locations.imageIdOf(URI.create("swift+http://test%3Atester:testing@127.0.0.1:8080/auth/v1.0/glance/"
                + ID))).contains(ID);
    }

    @Test
    void foreignLocationsNameNoImage() {
        assertThat(locations.imageIdOf(URI.create("swift+http://10.0.0.1:8080/auth/v1.0/glance/" + ID))).isEmpty();
        assertThat(locations.imageIdOf(URI.create("swift+http://127.0.0.1:8081/auth/v1.0/glance/" + ID))).isEmpty();
        assertThat(locations.imageIdOf(URI.create("swift+http://127.0.0.1:8080/auth/v1.0/other/" + ID))).isEmpty();
        assertThat(locations.imageIdOf(URI.create("file:///auth/v1.0/glance/" + ID))).isEmpty();
        assertThat(locations.imageIdOf(URI.create("swift+http://127.0.0.1:8080/auth/v1.0/glance/a/b"))).isEmpty();
        assertThat(locations.imageIdOf(URI.create("swift+http://127.0.0.1:8080/auth/v1.0/glance/..%2Fx"))).isEmpty();
        assertThat(locations.imageIdOf(URI.create("swift+http://127.0.0.1:8080/auth/v1.0/glance/"))).isEmpty();
    }
}
