package io.glance.client;

import java.net.URI;
import java.time.Clock;

/**
 * Turns {@link ConnectionSettings} into a {@link Transport}: one HTTP client with the settings' TLS trust for both
 * Keystone and glance-api (as a keystoneauth session has; built when first needed, see {@link LazyHttpClient}), the
 * token source of the settings' mode, and the endpoint given or found in the catalog.
 */
final class Connections {
    private Connections() {
    }

    static Transport transport(ConnectionSettings settings, String versionSuffix) {
        ConnectionSettings.Mode mode = settings.mode();
        LazyHttpClient http = new LazyHttpClient(settings.connectTimeout(), tlsContext(settings));
        return switch (mode) {
            case NO_AUTH -> new Transport(normalize(settings.imageUrl().orElseThrow(), versionSuffix),
                    TokenSource.none(), http);
            case FIXED_TOKEN -> new Transport(normalize(settings.imageUrl().orElseThrow(), versionSuffix),
                    TokenSource.fixed(settings.token()), http);
            case PASSWORD, TOKEN -> {
                try {
                    KeystoneSession session = KeystoneSession.open(http.get(), settings, Clock.systemUTC());
                    URI endpoint = settings.imageUrl().orElseGet(() -> session.catalog()
                            .endpoint(settings.serviceType(), settings.interfaceName(), settings.regionName()));
                    yield new Transport(normalize(endpoint, versionSuffix), session, http);
                } catch (RuntimeException failure) {
                    // no client to close it later: a refused login must not leave the selector thread running
                    http.close();
                    throw failure;
                }
            }
        };
    }

    /**
     * The trust --os-cacert or --insecure ask for; none (plain http only, see {@link PlainHttpContext}) when no
     * Keystone is asked and the image URL is http; else null, the JDK's default.
     */
    private static javax.net.ssl.SSLContext tlsContext(ConnectionSettings settings) {
        if (settings.caFile().isPresent() || settings.insecure()) {
            return TlsContexts.of(settings.caFile(), settings.insecure());
        }
        boolean withoutKeystone = settings.mode() == ConnectionSettings.Mode.NO_AUTH
                || settings.mode() == ConnectionSettings.Mode.FIXED_TOKEN;
        boolean plainHttp = settings.imageUrl().map(url -> "http".equalsIgnoreCase(url.getScheme())).orElse(false);
        if (withoutKeystone && plainHttp) {
            return new PlainHttpContext();
        }
        return null;
    }

    private static URI normalize(URI endpoint, String versionSuffix) {
        return Endpoints.normalize(endpoint, versionSuffix);
    }
}
