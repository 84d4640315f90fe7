package io.glance.http.observe;

/**
 * Metrics that another part of glance-api keeps (the stores, the database pool): the composition root adapts each
 * to this, so the HTTP adapter shows them at {@code /metrics} without depending on that part.
 */
@FunctionalInterface
public interface MetricsSource {
    void writeTo(PrometheusText out);
}
