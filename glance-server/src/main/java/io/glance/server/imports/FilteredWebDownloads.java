package io.glance.server.imports;

import io.glance.domain.InvalidInputException;
import io.glance.ports.out.WebDownloads;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * web-download's fetch, safer than Glance Zed's {@code urlopen}: the URI must pass {@link ImportFilter}; then every
 * address its host resolves to must be public unless the operator named that host in {@code allowed_hosts}
 * (169.254.169.254, 127.0.0.1, 10/8 and the like are refused, also behind a harmless-looking name); redirects are
 * followed by hand, at most {@link #MAX_REDIRECTS}, each target checked the same way before it is fetched.
 * <p>
 * Known limit: the JDK client resolves the host again when it connects. The JVM caches successful lookups (30 s by
 * default), so the connection normally uses the checked address, but a resolver that answers differently within
 * that window (DNS rebinding with a zero TTL and the cache disabled) is not excluded.
 */
public final class FilteredWebDownloads implements WebDownloads {
    private static final Logger LOG = Logger.getLogger(FilteredWebDownloads.class.getName());
    static final int MAX_REDIRECTS = 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final ImportFilter filter;
    private final HttpClient client;

    public FilteredWebDownloads(ImportFilter filter) {
        this.filter = requireNonNull(filter, "filter is null");
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    /**
     * The lists and the resolved addresses, so that POST /import answers a refused URI with a 400 at once; a host that
     * does not resolve passes here and fails the task when it is fetched.
     */
    @Override
    public void check(URI uri) {
        checkLists(uri);
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
            checkResolved(current);
            HttpRequest.Builder builder = HttpRequest.newBuilder(current).GET()
                    .header("User-Agent", "glance-java import");
            if (sameOrigin(uri, current)) {
                headers.forEach(builder::header);
            }
            HttpRequest request = builder.build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("web-download of " + uri + " was interrupted");
            }
            int status = response.statusCode();
            if (REDIRECTS.contains(status)) {
                response.body().close();
                URI from = current;
                String location = response.headers().firstValue("Location").orElseThrow(() ->
                        new IOException(from + " answered " + status + " without a Location"));
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
                response.body().close();
                throw new IOException("web-download of " + uri + ": " + current + " answered " + status);
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new Body(response.body(), length);
        }
        throw new IOException("web-download of " + uri + ": more than " + MAX_REDIRECTS + " redirects");
    }

    private static boolean sameOrigin(URI a, URI b) {
        return java.util.Objects.equals(a.getScheme(), b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    /** The URI passes the lists, and its host resolves only to public addresses unless allowed by name. */
    private void checkResolved(URI uri) throws UnknownHostException {
        checkLists(uri);
        checkAddresses(uri);
    }

    private void checkAddresses(URI uri) throws UnknownHostException {
        if (filter.explicitlyAllowed(uri)) {
            return;
        }
        for (InetAddress address : InetAddress.getAllByName(ImportFilter.hostName(uri))) {
            String refusal = AddressCheck.refusal(address);
            if (refusal != null) {
                throw new InvalidInputException("URI for web-download does not pass filtering: " + uri + " ("
                        + uri.getHost() + " is " + refusal + ", " + address.getHostAddress()
                        + "; list the host in import_filtering_opts.allowed_hosts to allow it)");
            }
        }
    }

    private static InvalidInputException refused(URI uri) {
        return new InvalidInputException("URI for web-download does not pass filtering: " + uri);
    }
}
