package io.glance.server;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** One-line console logging; {@code verbose} turns on debug output for our own packages. */
final class LoggingSetup {
    /** JUL holds loggers weakly: without these references a level set here would be lost at the next GC. */
    private static final java.util.List<Logger> CONFIGURED = new java.util.ArrayList<>();

    private LoggingSetup() {
    }

    static void configure(boolean verbose) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new OneLineFormatter());
        handler.setLevel(verbose ? Level.FINE : Level.INFO);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        level("io.glance", verbose ? Level.FINE : Level.INFO);
        // Libraries are chatty at INFO about things operators do not need (e.g. Flyway's per-migration lines).
        level("org.flywaydb", verbose ? Level.INFO : Level.WARNING);
        level("com.zaxxer.hikari", verbose ? Level.INFO : Level.WARNING);
        level("org.pf4j", verbose ? Level.INFO : Level.WARNING);
        // Helidon logs each request it cannot parse with a stack trace at WARNING; the connection guard's handler
        // logs one line for it instead.
        level("io.helidon.webserver.http1.Http1Connection", verbose ? Level.INFO : Level.SEVERE);
    }

    private static void level(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        synchronized (CONFIGURED) {
            CONFIGURED.add(logger);
        }
    }
}
