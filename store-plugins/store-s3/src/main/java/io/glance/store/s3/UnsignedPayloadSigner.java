package io.glance.store.s3;

import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.util.concurrent.CompletableFuture;

/**
 * SigV4 with {@code UNSIGNED-PAYLOAD} over plain http, as the SDK signs over https. Over http the SDK always signs the
 * payload: a SHA-256 of every byte of every upload (about a CPU second per GiB here, the largest cost of the driver in
 * a profile of a 1 GiB upload), on top of the md5 and sha512 the host already computes, and s3proxy or MinIO verify it
 * again. Where nobody can alter the bytes on the way (a loopback endpoint, see {@code s3_store_payload_signing}) that
 * hash protects nothing.
 *
 * <p>How: the request is signed as if it went over https (the scheme is not part of a SigV4 signature; the Host header,
 * which is, is fixed to the http request's value first), with payload signing off, and goes out over http unchanged
 * otherwise. Headers and the query stay signed; only the body's hash is left out.
 */
final class UnsignedPayloadSigner implements AwsV4HttpSigner {

    private final AwsV4HttpSigner delegate = AwsV4HttpSigner.create();

    /** The SigV4 auth scheme with this signer, for {@code S3ClientBuilder.putAuthScheme}. */
    static AwsV4AuthScheme authScheme() {
        UnsignedPayloadSigner signer = new UnsignedPayloadSigner();
        return new AwsV4AuthScheme() {
            @Override
            public String schemeId() {
                return AwsV4AuthScheme.SCHEME_ID;
            }

            @Override
            public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
                return providers.identityProvider(AwsCredentialsIdentity.class);
            }

            @Override
            public AwsV4HttpSigner signer() {
                return signer;
            }
        };
    }

    @Override
    public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
        SdkHttpRequest plain = request.request();
        if (!"http".equalsIgnoreCase(plain.protocol())) {
            return delegate.sign(request);
        }
        SignedRequest signed = delegate.sign(request.toBuilder()
                .request(asHttps(plain))
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .build());
        return signed.toBuilder()
                .request(signed.request().toBuilder().protocol(plain.protocol()).port(plain.port()).build())
                .build();
    }

    @Override
    public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
        // The store's client is synchronous; an asynchronous client would sign its payload as the SDK does.
        return delegate.signAsync(request);
    }

    /** The same request over https, with the Host header the http request sends (a port is kept unless standard). */
    private static SdkHttpRequest asHttps(SdkHttpRequest plain) {
        String host = SdkHttpUtils.isUsingStandardPort(plain.protocol(), plain.port())
                ? plain.host() : plain.host() + ":" + plain.port();
        return plain.toBuilder().protocol("https").port(plain.port()).putHeader("Host", host).build();
    }
}
