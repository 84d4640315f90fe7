package io.glance.http.observe;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What glance-api's HTTP traffic looked like since start: requests by method, route pattern and status, their
 * durations as a histogram per method and route, bytes answered, requests in progress. Routes are the patterns the
 * routing matched ({@code /v2/images/{image_id}}), never raw paths, so the number of series stays bounded whatever
 * clients send.
 */
public final class HttpMetrics implements MetricsSource {
    /** Seconds; from a metadata call (milliseconds) to a large upload (minutes). */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};

    private record Count(String method, String route, int status) {
    }

    private record Route(String method, String route) {
    }

    private static final class Histogram {
        final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length);
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets.incrementAndGet(i);
                    break;
                }
            }
            count.increment();
            sum.add(seconds);
        }
    }

    private final Map<Count, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<Route, Histogram> durations = new ConcurrentHashMap<>();
    private final Map<Route, LongAdder> responseBytes = new ConcurrentHashMap<>();
    private final AtomicLong inProgress = new AtomicLong();

    void started() {
        inProgress.incrementAndGet();
    }

    void finished(String method, String route, int status, long nanos, long bytesOut) {
        inProgress.decrementAndGet();
        requests.computeIfAbsent(new Count(method, route, status), key -> new LongAdder()).increment();
        Route key = new Route(method, route);
        durations.computeIfAbsent(key, k -> new Histogram()).observe(nanos / 1e9);
        if (bytesOut > 0) {
            responseBytes.computeIfAbsent(key, k -> new LongAdder()).add(bytesOut);
        }
    }

    @Override
    public void writeTo(PrometheusText out) {
        out.family("glance_http_requests_total", "counter", "HTTP requests answered, by method, route and status");
        requests.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().toString()))
                .forEach(e -> out.sample("glance_http_requests_total", e.getValue().sum(), "method",
                        e.getKey().method(), "route", e.getKey().route(), "status",
                        Integer.toString(e.getKey().status())));
        out.family("glance_http_request_duration_seconds", "histogram",
                "Time from a request's arrival to the end of its answer, by method and route");
        durations.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().toString())).forEach(e -> {
            String method = e.getKey().method();
            String route = e.getKey().route();
            Histogram histogram = e.getValue();
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += histogram.buckets.get(i);
                out.sample("glance_http_request_duration_seconds_bucket", cumulative, "method", method, "route",
                        route, "le", Double.toString(BUCKETS[i]));
            }
            // Read after the buckets, and never below their sum: an observation counted in a bucket but not yet in
            // the count would otherwise make +Inf smaller than a finite bucket.
            long count = Math.max(histogram.count.sum(), cumulative);
            out.sample("glance_http_request_duration_seconds_bucket", count, "method", method, "route", route,
                    "le", "+Inf");
            out.sample("glance_http_request_duration_seconds_sum", histogram.sum.sum(), "method", method, "route",
                    route);
            out.sample("glance_http_request_duration_seconds_count", count, "method", method, "route", route);
        });
        out.family("glance_http_response_bytes_total", "counter", "Bytes of answers (headers included), by method"
                + " and route");
        responseBytes.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().toString()))
                .forEach(e -> out.sample("glance_http_response_bytes_total", e.getValue().sum(), "method",
                        e.getKey().method(), "route", e.getKey().route()));
        out.family("glance_http_requests_in_progress", "gauge", "HTTP requests being answered now");
        out.sample("glance_http_requests_in_progress", inProgress.get());
    }
}
