package io.glance.store.s3;

import io.glance.store.spi.ConfigKey;
import io.glance.store.toolkit.OptionParser;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The options of one S3 store, parsed and checked. {@link #toString()} never shows the credentials.
 *
 * @param endpoint             the service URL ({@code s3_store_host}), e.g. {@code http://127.0.0.1:9000}
 * @param accessKey            {@code s3_store_access_key}
 * @param secretKey            {@code s3_store_secret_key}
 * @param bucket               {@code s3_store_bucket}
 * @param createBucketOnPut    whether a missing bucket is created by the first upload
 * @param pathStyle            whether the bucket goes in the path ({@code path}) rather than the host name
 * @param largeObjectSize      bytes from which an upload of known size goes multipart
 * @param partSize             bytes per multipart part, and the part buffer's size
 * @param region               the signing region
 * @param signPayload          whether an http (not https) request's body is hashed into its signature
 */
public record S3StoreConfig(URI endpoint, String accessKey, String secretKey, String bucket, boolean createBucketOnPut,
                            boolean pathStyle, long largeObjectSize, int partSize, String region,
                            boolean signPayload) {

    static final String HOST = "s3_store_host";
    static final String ACCESS_KEY = "s3_store_access_key";
    static final String SECRET_KEY = "s3_store_secret_key";
    static final String BUCKET = "s3_store_bucket";
    static final String CREATE_BUCKET = "s3_store_create_bucket_on_put";
    static final String URL_FORMAT = "s3_store_bucket_url_format";
    static final String LARGE_OBJECT_SIZE = "s3_store_large_object_size";
    static final String CHUNK_SIZE = "s3_store_large_object_chunk_size";
    static final String REGION = "s3_store_region";
    static final String PAYLOAD_SIGNING = "s3_store_payload_signing";

    private static final long MIB = 1024L * 1024;
    /** S3 refuses parts under 5 MiB (except the last); some compatible servers accept less, so 1 MiB is the floor. */
    private static final int MIN_CHUNK_MIB = 1;
    /** One part buffer is held per upload in progress; keep it well inside the heap. */
    private static final int MAX_CHUNK_MIB = 512;
    /** Bucket names as S3 accepts them (lower case, digits, dots, hyphens). */
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    static final List<ConfigKey> KEYS = List.of(
            new ConfigKey(HOST, "S3 service URL, e.g. https://s3.example.com or http://127.0.0.1:9000", null, true,
                    false),
            new ConfigKey(ACCESS_KEY, "access key id", null, true, true),
            new ConfigKey(SECRET_KEY, "secret access key", null, true, true),
            ConfigKey.required(BUCKET, "bucket holding the images"),
            ConfigKey.optional(CREATE_BUCKET, "false", "create the bucket on the first upload when it is missing"),
            ConfigKey.optional(URL_FORMAT, "auto",
                    "bucket addressing: path (http://host/bucket/key), virtual (http://bucket.host/key) or auto "
                            + "(virtual for amazonaws.com, path otherwise)"),
            ConfigKey.optional(LARGE_OBJECT_SIZE, "100", "MiB from which uploads of known size go multipart"),
            ConfigKey.optional(CHUNK_SIZE, "10", "MiB per multipart part (S3 needs at least 5)"),
            ConfigKey.optional(REGION, "us-east-1", "signing region"),
            ConfigKey.optional(PAYLOAD_SIGNING, "auto",
                    "over http, hash each request body (SHA-256) into its signature: true, false, or auto (false for "
                            + "a loopback endpoint, where nothing can alter the bytes on the way; true otherwise); "
                            + "over https the body is never hashed"));

    public S3StoreConfig {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(accessKey, "accessKey is null");
        requireNonNull(secretKey, "secretKey is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(region, "region is null");
    }

    /** Parses the options of store {@code storeId}; every message names the option and the offending value. */
    public static S3StoreConfig parse(String storeId, Map<String, String> options) {
        OptionParser parsed = OptionParser.of("s3", storeId, KEYS, options);
        URI endpoint = parsed.httpUrl(HOST);
        String bucket = parsed.required(BUCKET);
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            throw parsed.bad(BUCKET, bucket, "is not a valid bucket name (3-63 of a-z, 0-9, '.', '-')");
        }
        String format = parsed.required(URL_FORMAT).toLowerCase(Locale.ROOT);
        boolean pathStyle = switch (format) {
            case "path" -> true;
            case "virtual" -> false;
            case "auto" -> !endpoint.getHost().endsWith("amazonaws.com");
            default -> throw parsed.bad(URL_FORMAT, format, "is not one of auto, path, virtual");
        };
        long largeMib = parsed.number(LARGE_OBJECT_SIZE, 1, 5L * 1024 * 1024);
        long chunkMib = parsed.number(CHUNK_SIZE, MIN_CHUNK_MIB, MAX_CHUNK_MIB);
        String signing = parsed.required(PAYLOAD_SIGNING).toLowerCase(Locale.ROOT);
        boolean signPayload = switch (signing) {
            case "auto" -> !isLoopback(endpoint.getHost());
            case "true" -> true;
            case "false" -> false;
            default -> throw parsed.bad(PAYLOAD_SIGNING, signing, "is not one of auto, true, false");
        };
        return new S3StoreConfig(endpoint, parsed.required(ACCESS_KEY), parsed.required(SECRET_KEY), bucket,
                parsed.bool(CREATE_BUCKET), pathStyle, largeMib * MIB, (int) (chunkMib * MIB),
                parsed.required(REGION), signPayload);
    }

    /** localhost, 127.0.0.0/8 or ::1, from the URL alone (no name lookup). */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost") || bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1")
                || LOOPBACK_V4.matcher(bare).matches();
    }

    @Override
    public String toString() {
        return "S3StoreConfig[endpoint=" + endpoint + ", bucket=" + bucket + ", pathStyle=" + pathStyle
                + ", largeObjectSize=" + largeObjectSize + ", partSize=" + partSize + ", region=" + region
                + ", signPayload=" + signPayload + "]";
    }
}
