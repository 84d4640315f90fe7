package io.glance.store.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** Builds the blocking SDK client for one store. */
final class S3Clients {

    /** Connecting to the service; also how long a stalled response may stay silent before the call fails. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private S3Clients() {
    }

    static S3Client create(S3StoreConfig config) {
        return create(config, CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    /**
     * Checksums only where S3 requires them: compatible servers (s3proxy, Swift's s3api) reject the SDK's default
     * flexible checksums. No retries: an upload streams the client's request body, which cannot be read twice.
     */
    static S3Client create(S3StoreConfig config, Duration connectTimeout, Duration readTimeout) {
        requireNonNull(config, "config is null");
        S3ClientBuilder client = S3Client.builder();
        if (!config.signPayload()) {
            client.putAuthScheme(UnsignedPayloadSigner.authScheme());
        }
        return client
                .endpointOverride(config.endpoint())
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKey(), config.secretKey())))
                .forcePathStyle(config.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(connectTimeout)
                        .socketTimeout(readTimeout))
                .overrideConfiguration(override -> override
                        .retryStrategy(builder -> builder.maxAttempts(1)))
                .build();
    }
}
