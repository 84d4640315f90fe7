package io.glance.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Notices when Helidon's accept loop gives up. When {@code accept} fails (the file limit reached, for one), Helidon's
 * {@code ServerListener} logs that "this server socket is terminating" and stops listening for good while the JVM,
 * and {@code WebServer.isRunning()}, carry on: a process that looks alive to a supervisor but serves no one. The only
 * sign Helidon gives is that log record, so this handler watches for it and runs {@code onDeath} once.
 */
final class ListenerDeathWatch extends Handler {
    /** Helidon's logger for the accept loop. */
    static final String LISTENER_LOGGER = "io.helidon.webserver.ServerListener";
    /** EX_SOFTWARE from sysexits.h: an internal failure, so a supervisor restarts the service. */
    static final int EXIT_STATUS = 70;

    private final Runnable onDeath;
    private final AtomicBoolean fired = new AtomicBoolean();

    private ListenerDeathWatch(Runnable onDeath) {
        this.onDeath = onDeath;
        setLevel(Level.SEVERE);
    }

    /** Watches Helidon's listener; {@code onDeath} runs on its own thread, so the listener's shutdown can go on. */
    static void install(Runnable onDeath) {
        Logger listener = Logger.getLogger(LISTENER_LOGGER);
        listener.addHandler(new ListenerDeathWatch(onDeath));
        HELD.add(listener);
    }

    /** Holds the configured logger: JUL keeps loggers only weakly, and a collected one loses its handler. */
    private static final java.util.List<Logger> HELD = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Exits the process with {@value #EXIT_STATUS}, naming the reason on stderr (the log has the detail). */
    static Runnable exitProcess(String command) {
        return () -> {
            System.err.println(command + ": stopped accepting connections (see the log); exiting with status "
                    + EXIT_STATUS + " so a supervisor restarts it");
            System.exit(EXIT_STATUS);
        };
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue() && record.getMessage() != null
                && record.getMessage().contains("terminating") && fired.compareAndSet(false, true)) {
            Thread.ofPlatform().name("listener-death").start(onDeath);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
