package io.glance.server.imports;

import io.glance.domain.InvalidInputException;
import io.glance.ports.out.WebDownloads;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * web-download's fetch, safer than Glance Zed's {@code urlopen}: the URI must pass {@link ImportFilter}; then every
 * address its host resolves to must be public unless the operator named that host in {@code allowed_hosts}
 * (169.254.169.254, 127.0.0.1, 10/8 and the like are refused, also behind a harmless-looking name); redirects are
 * followed by hand, at most {@link #MAX_REDIRECTS}, each target checked the same way before it is fetched.
 * <p>
 * Plain http connects to an address that was checked ({@link PlainHttpGet}, whose body is a channel read straight into
 * the staging write's direct buffer). Known limit, https only: the JDK's HTTP connection resolves the host again when
 * it connects. The JVM caches successful lookups (30 s by default), so the connection normally uses the checked
 * address, but a resolver that answers differently within that window (DNS rebinding with a zero TTL and the cache
 * disabled) is not excluded.
 */
public final class FilteredWebDownloads implements WebDownloads {
    private static final Logger LOG = Logger.getLogger(FilteredWebDownloads.class.getName());
    static final int MAX_REDIRECTS = 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** A server that sends nothing for this long fails the download instead of holding an import worker forever. */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private final ImportFilter filter;

    public FilteredWebDownloads(ImportFilter filter) {
        this.filter = requireNonNull(filter, "filter is null");
    }

    /**
     * The lists and the resolved addresses, so that POST /import answers a refused URI with a 400 at once; a host that
     * does not resolve passes here and fails the task when it is fetched.
     */
    @Override
    public void check(URI uri) {
        checkLists(uri);
        if (filter.explicitlyAllowed(uri)) {
            return;
        }
        try {
            checkAddresses(uri);
        } catch (UnknownHostException e) {
            LOG.fine(() -> "web-download " + uri + ": " + uri.getHost() + " does not resolve (yet)");
        }
    }

    private void checkLists(URI uri) {
        if (!filter.passes(uri)) {
            throw refused(uri);
        }
    }

    @Override
    public Body open(URI uri) throws IOException {
        return open(uri, java.util.Map.of());
    }

    /**
     * As {@link #open(URI)}, sending {@code headers} (e.g. glance-download's {@code X-Auth-Token}) to the URI's own
     * host and port only: a redirect elsewhere does not get them.
     */
    public Body open(URI uri, java.util.Map<String, String> headers) throws IOException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            List<InetAddress> addresses = checkResolved(current);
            Answer answer = get(current, addresses, sameOrigin(uri, current) ? headers : java.util.Map.of());
            int status;
            try {
                status = answer.status();
            } catch (IOException | RuntimeException e) {
                answer.close();
                throw e;
            }
            if (REDIRECTS.contains(status)) {
                String location = answer.header("Location");
                answer.close();
                URI from = current;
                if (location == null) {
                    throw new IOException(from + " answered " + status + " without a Location");
                }
                URI next = from.resolve(location);
                LOG.fine(() -> "web-download " + uri + ": " + from + " redirects to " + next);
                if (!filter.passes(next)) {
                    throw new InvalidInputException("web-download of " + uri + " was redirected to " + next
                            + ", which does not pass filtering");
                }
                current = next;
                continue;
            }
            if (status < 200 || status > 299) {
                answer.close();
                throw new IOException("web-download of " + uri + ": " + current + " answered " + status);
            }
            return answer.body();
        }
        throw new IOException("web-download of " + uri + ": more than " + MAX_REDIRECTS + " redirects");
    }

    /** One GET's answer, whichever client made it. */
    private interface Answer {
        int status() throws IOException;

        String header(String name);

        Body body() throws IOException;

        void close() throws IOException;
    }

    /**
     * Plain http through {@link PlainHttpGet}, to the first of the checked addresses that connects (no second
     * lookup) and with a body channel; https through {@link HttpURLConnection}.
     */
    private static Answer get(URI uri, List<InetAddress> addresses, java.util.Map<String, String> headers)
            throws IOException {
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            HttpURLConnection connection = connect(uri, headers);
            return new Answer() {
                @Override
                public int status() throws IOException {
                    return connection.getResponseCode();
                }

                @Override
                public String header(String name) {
                    return connection.getHeaderField(name);
                }

                @Override
                public Body body() throws IOException {
                    return new Body(new Disconnecting(connection.getInputStream(), connection),
                            connection.getContentLengthLong());
                }

                @Override
                public void close() {
                    connection.disconnect();
                }
            };
        }
        IOException failure = null;
        for (InetAddress address : addresses) {
            try {
                PlainHttpGet get = PlainHttpGet.send(uri, address, headers, CONNECT_TIMEOUT, READ_TIMEOUT);
                return new Answer() {
                    @Override
                    public int status() {
                        return get.status();
                    }

                    @Override
                    public String header(String name) {
                        return get.header(name);
                    }

                    @Override
                    public Body body() throws IOException {
                        return new Body(get.stream(), get.contentLength(), get);
                    }

                    @Override
                    public void close() throws IOException {
                        get.close();
                    }
                };
            } catch (java.net.ConnectException | java.net.NoRouteToHostException | java.net.SocketTimeoutException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        throw failure != null ? failure : new UnknownHostException(uri.getHost());
    }

    /**
     * A GET that follows no redirect. HttpURLConnection, not java.net.http.HttpClient: the JDK's asynchronous client
     * hands the body over in 16 KiB buffers between its selector thread and the reader and used 4.5 CPU s per GiB
     * downloaded here (HttpURLConnection 0.9 s, curl 0.94 s; bench/README, import-conversion.sh).
     */
    private static HttpURLConnection connect(URI uri, java.util.Map<String, String> headers) throws IOException {
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException("web-download cannot fetch " + uri + ": only http and https are supported");
        }
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
        connection.setRequestProperty("User-Agent", "glance-java import");
        headers.forEach(connection::setRequestProperty);
        return connection;
    }

    /** The body; closing it also closes the connection (a body left unread must not go back to a keep-alive pool). */
    private static final class Disconnecting extends FilterInputStream {
        private final HttpURLConnection connection;

        Disconnecting(InputStream in, HttpURLConnection connection) {
            super(in);
            this.connection = connection;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                connection.disconnect();
            }
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return java.util.Objects.equals(a.getScheme(), b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    /**
     * The URI passes the lists, and its host resolves only to public addresses unless allowed by name.
     *
     * @return the addresses checked, which a plain http GET connects to
     */
    private List<InetAddress> checkResolved(URI uri) throws UnknownHostException {
        checkLists(uri);
        return checkAddresses(uri);
    }

    private List<InetAddress> checkAddresses(URI uri) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(ImportFilter.hostName(uri));
        if (filter.explicitlyAllowed(uri)) {
            return List.of(addresses);
        }
        for (InetAddress address : addresses) {
            String refusal = AddressCheck.refusal(address);
            if (refusal != null) {
                throw new InvalidInputException("URI for web-download does not pass filtering: " + uri + " ("
                        + uri.getHost() + " is " + refusal + ", " + address.getHostAddress()
                        + "; list the host in import_filtering_opts.allowed_hosts to allow it)");
            }
        }
        return List.of(addresses);
    }

    private static InvalidInputException refused(URI uri) {
        return new InvalidInputException("URI for web-download does not pass filtering: " + uri);
    }
}
