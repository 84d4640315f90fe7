package io.glance.store.swift;

import com.google.common.base.Supplier;
import com.google.common.cache.LoadingCache;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import org.jclouds.Constants;
import org.jclouds.ContextBuilder;
import org.jclouds.domain.Credentials;
import org.jclouds.lifecycle.Closer;
import org.jclouds.location.suppliers.RegionIdToURISupplier;
import org.jclouds.logging.config.NullLoggingModule;
import org.jclouds.openstack.keystone.auth.config.Authentication;
import org.jclouds.openstack.keystone.auth.domain.AuthInfo;
import org.jclouds.openstack.keystone.config.KeystoneProperties;
import org.jclouds.openstack.swift.v1.SwiftApi;
import org.jclouds.openstack.swift.v1.SwiftApiMetadata;
import org.jclouds.openstack.swift.v1.features.ContainerApi;
import org.jclouds.openstack.swift.v1.features.ObjectApi;
import org.jclouds.openstack.swift.v1.features.StaticLargeObjectApi;

import io.glance.store.spi.StoreUnavailableException;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The jclouds side of the store: authentication (tempauth v1.0 or Keystone v3, with jclouds' token cache and renewal
 * on 401), the object-store endpoint of the region, and the container and object calls that carry no image data.
 *
 * <p>jclouds' own logging is switched off ({@link NullLoggingModule}): its header log prints {@code X-Auth-Key} and
 * {@code X-Auth-Token}. Errors reach the host as exceptions instead.
 */
final class SwiftClient implements AutoCloseable {

    private final String storeId;
    private final Injector injector;
    private final SwiftApi api;
    private final Supplier<String> token;
    private final LoadingCache<Credentials, AuthInfo> authCache;
    private final String region;

    private SwiftClient(String storeId, Injector injector, String region) {
        this.storeId = storeId;
        this.injector = injector;
        this.api = injector.getInstance(SwiftApi.class);
        this.token = injector.getInstance(Key.get(new TypeLiteral<Supplier<String>>() { }, Authentication.class));
        this.authCache = injector.getInstance(Key.get(new TypeLiteral<LoadingCache<Credentials, AuthInfo>>() { }));
        this.region = region;
    }

    /** Builds the jclouds context; authenticates lazily, on the first call. */
    static SwiftClient create(String storeId, SwiftStoreConfig config) {
        requireNonNull(storeId, "storeId is null");
        requireNonNull(config, "config is null");
        Properties properties = new Properties();
        String identity;
        if (config.authVersion() == 1) {
            properties.setProperty(KeystoneProperties.CREDENTIAL_TYPE, "tempAuthCredentials");
            identity = config.user();
        } else {
            // glance_store's "project:user" (checked by SwiftStoreConfig.parse) becomes jclouds' "domain:user"
            // identity and a project scope.
            int colon = config.user().indexOf(':');
            properties.setProperty(KeystoneProperties.CREDENTIAL_TYPE, "passwordCredentials");
            properties.setProperty(KeystoneProperties.KEYSTONE_VERSION, "3");
            properties.setProperty(KeystoneProperties.SCOPE, "project:" + config.user().substring(0, colon));
            properties.setProperty(KeystoneProperties.PROJECT_DOMAIN_NAME, config.projectDomain());
            identity = config.userDomain() + ":" + config.user().substring(colon + 1);
        }
        String timeoutMillis = Long.toString(config.timeout().toMillis());
        properties.setProperty(Constants.PROPERTY_SO_TIMEOUT, timeoutMillis);
        properties.setProperty(Constants.PROPERTY_CONNECTION_TIMEOUT, timeoutMillis);
        properties.setProperty(Constants.PROPERTY_MAX_RETRIES, "2");
        properties.setProperty(Constants.PROPERTY_RETRY_DELAY_START, "100");
        Injector injector = ContextBuilder.newBuilder(new SwiftApiMetadata())
                .endpoint(config.authAddress().toString())
                .credentials(identity, config.key())
                .overrides(properties)
                .modules(Set.of(new NullLoggingModule()))
                .buildInjector();
        return new SwiftClient(storeId, injector, config.region().orElse(null));
    }

    /** The current token; authenticates when there is none or it was invalidated. */
    String token() {
        return token.get();
    }

    /** Forgets the token after a 401 from a call jclouds did not make, so the next call authenticates again. */
    void invalidateToken() {
        authCache.invalidateAll();
    }

    /** The account's storage URL, e.g. {@code http://127.0.0.1:8080/v1/AUTH_test}. */
    URI storageUrl() {
        Map<String, com.google.common.base.Supplier<URI>> endpoints =
                injector.getInstance(RegionIdToURISupplier.class).get();
        return endpoints.get(region()).get();
    }

    /** The configured region, or the only one the catalog offers (tempauth names it after the storage host). */
    String region() {
        Set<String> regions = new TreeSet<>(api.getConfiguredRegions());
        if (region != null) {
            if (!regions.contains(region)) {
                throw new StoreUnavailableException("swift store '" + storeId + "': region '" + region
                        + "' has no object-store endpoint; the catalog offers " + regions);
            }
            return region;
        }
        if (regions.size() != 1) {
            throw new StoreUnavailableException("swift store '" + storeId + "': the catalog offers regions "
                    + regions + "; set option '" + SwiftStoreConfig.REGION + "'");
        }
        return regions.iterator().next();
    }

    ContainerApi containers() {
        return api.getContainerApi(region());
    }

    ObjectApi objects(String container) {
        return api.getObjectApi(region(), container);
    }

    StaticLargeObjectApi largeObjects(String container) {
        return api.getStaticLargeObjectApi(region(), container);
    }

    @Override
    public void close() {
        try {
            api.close();
            injector.getInstance(Closer.class).close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("swift store '" + storeId + "': closing jclouds failed", e);
        }
    }
}
