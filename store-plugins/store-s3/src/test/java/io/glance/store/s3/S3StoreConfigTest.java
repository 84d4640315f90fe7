package io.glance.store.s3;

import io.glance.store.spi.BadStoreConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3StoreConfigTest {

    private static Map<String, String> options(String... overrides) {
        Map<String, String> options = new HashMap<>(Map.of(S3StoreConfig.HOST, "http://127.0.0.1:9000",
                S3StoreConfig.ACCESS_KEY, "AKIA-TEST", S3StoreConfig.SECRET_KEY, "very-secret",
                S3StoreConfig.BUCKET, "images"));
        for (int i = 0; i < overrides.length; i += 2) {
            options.put(overrides[i], overrides[i + 1]);
        }
        return options;
    }

    @Test
    void defaultsFollowGlanceStore() {
        S3StoreConfig config = S3StoreConfig.parse("obj", options());

        assertThat(config.largeObjectSize()).isEqualTo(100L * 1024 * 1024);
        assertThat(config.partSize()).isEqualTo(10 * 1024 * 1024);
        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.pathStyle()).as("auto for a non-AWS host").isTrue();
        assertThat(config.createBucketOnPut()).isFalse();
    }

    @Test
    void payloadSigningIsOffForLoopbackOnlyInAutoMode() {
        assertThat(S3StoreConfig.parse("obj", options()).signPayload()).as("127.0.0.1").isFalse();
        assertThat(S3StoreConfig.parse("obj", options(S3StoreConfig.HOST, "http://localhost:9000")).signPayload())
                .isFalse();
        assertThat(S3StoreConfig.parse("obj", options(S3StoreConfig.HOST, "http://[::1]:9000")).signPayload())
                .isFalse();
        assertThat(S3StoreConfig.parse("obj", options(S3StoreConfig.HOST, "http://10.0.0.5:9000")).signPayload())
                .isTrue();
        assertThat(S3StoreConfig.parse("obj", options(S3StoreConfig.HOST, "http://127.example.org")).signPayload())
                .as("a name that merely starts with 127").isTrue();
        assertThat(S3StoreConfig.parse("obj", options(S3StoreConfig.PAYLOAD_SIGNING, "true")).signPayload()).isTrue();
        assertThatThrownBy(() -> S3StoreConfig.parse("obj", options(S3StoreConfig.PAYLOAD_SIGNING, "sometimes")))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining(S3StoreConfig.PAYLOAD_SIGNING).hasMessageContaining("sometimes");
    }

    @Test
    void virtualAddressingForAmazonInAutoMode() {
        assertThat(S3StoreConfig.parse("obj", options(S3StoreConfig.HOST, "https://s3.eu-west-1.amazonaws.com"))
                .pathStyle()).isFalse();
    }

    @Test
    void badValuesNameTheOptionAndTheValue() {
        assertThatThrownBy(() -> S3StoreConfig.parse("obj", options(S3StoreConfig.URL_FORMAT, "sideways")))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining(S3StoreConfig.URL_FORMAT).hasMessageContaining("sideways");
        assertThatThrownBy(() -> S3StoreConfig.parse("obj", options(S3StoreConfig.CHUNK_SIZE, "0")))
                .hasMessageContaining(S3StoreConfig.CHUNK_SIZE).hasMessageContaining("'0'");
        assertThatThrownBy(() -> S3StoreConfig.parse("obj", options(S3StoreConfig.BUCKET, "Bad_Bucket")))
                .hasMessageContaining("Bad_Bucket");
        assertThatThrownBy(() -> S3StoreConfig.parse("obj", options(S3StoreConfig.HOST, "ftp://x")))
                .hasMessageContaining("ftp://x");
    }

    @Test
    void credentialsInTheHostAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> S3StoreConfig.parse("obj",
                options(S3StoreConfig.HOST, "http://user:leaked@127.0.0.1:9000")))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageNotContaining("leaked");
    }

    @Test
    void missingRequiredOptionIsNamed() {
        Map<String, String> options = options();
        options.remove(S3StoreConfig.SECRET_KEY);

        assertThatThrownBy(() -> S3StoreConfig.parse("obj", options))
                .hasMessageContaining(S3StoreConfig.SECRET_KEY);
    }
}
