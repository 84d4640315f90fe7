package io.glance.http.purge;

import com.sun.net.httpserver.HttpServer;
import io.glance.domain.ImageId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PURGE for both data URLs to every proxy; a proxy that is down or slow never fails the delete. */
class ProxyPurgerTest {
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private HttpServer proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.stop(0);
        }
    }

    private URI startProxy(int status, long delayMillis) throws Exception {
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        proxy.start();
        return URI.create("http://127.0.0.1:" + proxy.getAddress().getPort());
    }

    @Test
    void purgesTheV2AndV1DataUrlsOfTheImage() throws Exception {
        URI base = startProxy(200, 0);
        ImageId id = ImageId.random();

        new ProxyPurger(new ProxyPurgeSettings(List.of(base), Duration.ofSeconds(5))).dataGone(id);

        assertThat(received).containsExactlyInAnyOrder("PURGE /v2/images/" + id + "/file", "PURGE /v1/images/" + id);
    }

    @Test
    void aSlowOrMissingProxyCostsAtMostTheTimeout() throws Exception {
        URI slow = startProxy(200, 3000);
        URI down = URI.create("http://127.0.0.1:1");
        ProxyPurger purger = new ProxyPurger(new ProxyPurgeSettings(List.of(slow, down), Duration.ofMillis(300)));

        long start = System.nanoTime();
        purger.dataGone(ImageId.random());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void urlsAreAbsoluteHttpOnesNamedWhenNot() {
        assertThat(ProxyPurgeSettings.parseUrls(" http://a:6081/ , https://b ,")).containsExactly(
                URI.create("http://a:6081"), URI.create("https://b"));
        assertThatThrownBy(() -> ProxyPurgeSettings.parseUrls("varnish:6081")).hasMessageContaining("'varnish:6081'");
        assertThatThrownBy(() -> ProxyPurgeSettings.parseUrls("ftp://x")).hasMessageContaining("'ftp://x'");
    }
}
