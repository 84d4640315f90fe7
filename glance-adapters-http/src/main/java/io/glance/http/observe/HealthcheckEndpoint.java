package io.glance.http.observe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.ForbiddenException;
import io.glance.domain.RequestContext;
import io.glance.http.common.CallerAuthentication;
import io.glance.http.common.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * {@code /healthcheck} as oslo.middleware's healthcheck answers it: {@code 200 OK} (text/plain) while glance-api can
 * serve, else {@code 503} with one line per failing part ({@code database: ...}, {@code store file: ...}); only the
 * {@linkplain HealthCheck#critical() critical} parts (the database or glance-registry, the default store) are probed,
 * and their answer is reused for a second so that a flood of probes does not become a flood of database queries.
 * No token is needed, as in Glance's pipeline.
 *
 * <p>{@code /healthcheck?detailed=true} is for admins (a token with the admin role; anybody under noauth): every part,
 * Keystone and each store included, as JSON with its state, reason and probe time; 503 when a critical part fails.
 */
public final class HealthcheckEndpoint implements Filter {
    static final String PATH = "/healthcheck";
    /** How long a simple answer is reused. */
    static final Duration REUSE = Duration.ofSeconds(1);

    private final HealthChecks checks;
    private final CallerAuthentication authentication;
    private final Clock clock;
    private final Object refresh = new Object();
    private volatile HealthChecks.Report lastSimple;

    public HealthcheckEndpoint(List<HealthCheck> checks, Duration probeTimeout, CallerAuthentication authentication) {
        this(new HealthChecks(checks, probeTimeout), authentication, Clock.systemUTC());
    }

    HealthcheckEndpoint(HealthChecks checks, CallerAuthentication authentication, Clock clock) {
        this.checks = requireNonNull(checks, "checks is null");
        this.authentication = requireNonNull(authentication, "authentication is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Method method = req.prologue().method();
        if (!req.prologue().uriPath().path().equals(PATH) || (method != Method.GET && method != Method.HEAD)) {
            chain.proceed();
            return;
        }
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        if (req.query().contains("detailed") && !req.query().get("detailed").equalsIgnoreCase("false")) {
            detailed(req, res);
            return;
        }
        HealthChecks.Report report = simple();
        res.status(report.healthy() ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        res.headers().set(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        res.send(report.text().getBytes(StandardCharsets.UTF_8));
    }

    private HealthChecks.Report simple() {
        HealthChecks.Report report = lastSimple;
        if (report != null && report.at().plus(REUSE).isAfter(clock.instant())) {
            return report;
        }
        synchronized (refresh) {
            report = lastSimple;
            if (report == null || !report.at().plus(REUSE).isAfter(clock.instant())) {
                report = checks.run(true, clock.instant());
                lastSimple = report;
            }
            return report;
        }
    }

    private void detailed(RoutingRequest req, RoutingResponse res) {
        RequestContext caller = authentication.authenticate(req, "req-" + UUID.randomUUID());
        if (!caller.admin()) {
            throw new ForbiddenException("The detailed healthcheck is for admins");
        }
        HealthChecks.Report report = checks.run(false, clock.instant());
        ObjectNode body = Json.object();
        body.put("status", report.healthy() ? "ok" : "failing");
        ArrayNode parts = body.putArray("checks");
        for (HealthChecks.Result result : report.results()) {
            ObjectNode part = parts.addObject();
            part.put("name", result.name());
            part.put("critical", result.critical());
            part.put("ok", result.ok());
            if (!result.ok()) {
                part.put("reason", result.reason());
            }
            part.put("milliseconds", result.millis());
        }
        res.status(report.healthy() ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        res.headers().set(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(body));
    }
}
