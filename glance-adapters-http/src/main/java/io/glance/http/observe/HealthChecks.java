package io.glance.http.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Runs {@link HealthCheck}s side by side, each on a virtual thread of its own and given at most the probe timeout,
 * so that a hanging database makes the healthcheck slow by that much, never stuck.
 */
final class HealthChecks {
    private static final Logger LOG = Logger.getLogger(HealthChecks.class.getName());
    private static final int MAX_REASON = 300;

    record Result(String name, boolean critical, boolean ok, String reason, long millis) {
    }

    record Report(Instant at, List<Result> results) {
        boolean healthy() {
            return results.stream().allMatch(result -> result.ok() || !result.critical());
        }

        /** oslo's plain answer: {@code OK}, or a line per failing critical part. */
        String text() {
            if (healthy()) {
                return "OK";
            }
            StringBuilder text = new StringBuilder();
            results.stream().filter(result -> result.critical() && !result.ok())
                    .forEach(result -> text.append(result.name()).append(": ").append(result.reason()).append('\n'));
            return text.toString();
        }
    }

    private final List<HealthCheck> checks;
    private final Duration timeout;

    HealthChecks(List<HealthCheck> checks, Duration timeout) {
        this.checks = List.copyOf(checks);
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    Report run(boolean criticalOnly, Instant now) {
        List<HealthCheck> chosen = checks.stream().filter(check -> check.critical() || !criticalOnly).toList();
        List<Future<Result>> futures = new ArrayList<>();
        // Not closed with try-with-resources: close() would wait for a probe that hangs.
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (HealthCheck check : chosen) {
                futures.add(executor.submit(() -> probe(check)));
            }
            List<Result> results = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            for (int i = 0; i < chosen.size(); i++) {
                HealthCheck check = chosen.get(i);
                try {
                    results.add(futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    futures.get(i).cancel(true);
                    results.add(new Result(check.name(), check.critical(), false,
                            "no answer within " + timeout.toMillis() + " ms", timeout.toMillis()));
                } catch (ExecutionException e) {
                    results.add(new Result(check.name(), check.critical(), false, String.valueOf(e.getCause()), 0));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    results.add(new Result(check.name(), check.critical(), false, "interrupted", 0));
                }
            }
            Report report = new Report(now, List.copyOf(results));
            if (!report.healthy()) {
                LOG.warning("healthcheck failing: " + report.text().strip().replace('\n', ';'));
            }
            return report;
        } finally {
            executor.shutdownNow();
        }
    }

    private static Result probe(HealthCheck check) {
        long start = System.nanoTime();
        try {
            check.probe().run();
            return new Result(check.name(), check.critical(), true, null, elapsedMillis(start));
        } catch (Exception | Error e) {
            return new Result(check.name(), check.critical(), false, reason(e), elapsedMillis(start));
        }
    }

    private static String reason(Throwable e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getMessage();
        message = message.replace('\n', ' ').replace('\r', ' ');
        return message.length() <= MAX_REASON ? message : message.substring(0, MAX_REASON) + "...";
    }

    private static long elapsedMillis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
