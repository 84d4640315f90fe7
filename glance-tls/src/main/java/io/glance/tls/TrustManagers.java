package io.glance.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/** The trust of a TLS client: exactly some CAs, or (insecure) anything. */
public final class TrustManagers {
    private TrustManagers() {
    }

    /** Trust managers that trust exactly {@code certificates} (in place of the JDK's CAs), with host name checks. */
    public static TrustManager[] trusting(List<X509Certificate> certificates) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            // An empty in-memory store reads nothing; the JDK declares the exception all the same.
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /**
     * The insecure modes ({@code --insecure}, {@code registry_client_insecure}): a trust manager that checks nothing.
     * Being an {@link X509ExtendedTrustManager}, it also takes over the host name check the JDK would otherwise
     * make, so that is skipped too (as curl -k does).
     */
    public static TrustManager[] trustingEverything() {
        return new TrustManager[] {new TrustingEverything()};
    }

    private static final class TrustingEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
