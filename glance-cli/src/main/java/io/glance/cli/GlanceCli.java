package io.glance.cli;

import io.glance.client.GlanceClientException;
import io.glance.client.GlanceConnectionException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/** The {@code glance} command's entry point: parses, runs, maps every failure to a message and an exit status. */
public final class GlanceCli {
    private GlanceCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Io.system()));
    }

    static int run(String[] args, Io io) {
        GlanceCommand root = new GlanceCommand(io);
        // The tree first: picocli gives the settings below only to the commands present when they are made.
        CommandLine cli = CommandTree.forArguments(root, args);
        cli.setOut(new PrintWriter(io.out(), true));
        cli.setErr(new PrintWriter(io.err(), true));
        cli.setParameterExceptionHandler((ParameterException e, String[] arguments) -> {
            if (e instanceof UnmatchedArgumentException unmatched && unmatched.getCommandLine() == cli
                    && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().getFirst().startsWith("-")) {
                io.err().println("Unknown command: " + unmatched.getUnmatched().getFirst());
            } else {
                io.err().println(e.getMessage());
                io.err().println("Try 'glance help" + commandName(e.getCommandLine()) + "' for usage.");
            }
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((Exception e, CommandLine command, CommandLine.ParseResult parsed) -> {
            switch (e) {
                case UsageException usage -> {
                    io.err().println(usage.getMessage());
                    return ExitCodes.USAGE;
                }
                case GlanceConnectionException connection -> {
                    if (isTls(connection)) {
                        // "Is the server running?" would mislead: it answered, but not with a certificate we trust.
                        io.err().println(connection.getMessage());
                    } else {
                        io.err().println("Failed to connect to the Glance API server "
                                + root.endpoint().getAuthority() + ". Is the server running?");
                        if (root.verbose) {
                            io.err().println(connection.getMessage());
                        }
                    }
                    return ExitCodes.CONNECTION;
                }
                case GlanceClientException failure -> {
                    io.err().println(failure.getMessage());
                    return ExitCodes.of(failure);
                }
                case UncheckedIOException local -> {
                    io.err().println(local.getMessage() + ": " + local.getCause().getMessage());
                    return ExitCodes.USAGE;
                }
                case IllegalArgumentException settings -> {
                    // what the options and OS_* variables leave out, e.g. OS_AUTH_URL without a password
                    io.err().println(settings.getMessage());
                    return ExitCodes.USAGE;
                }
                default -> throw e;
            }
        });
        long start = System.nanoTime();
        int status;
        try {
            status = cli.execute(args);
        } finally {
            // Before System.exit: the HttpClient's selector thread, left running, cost every run 0.3 s at the exit.
            root.closeClient();
        }
        if (root.verbose) {
            io.out().println(String.format(Locale.ROOT, "Completed in %.4f sec.", (System.nanoTime() - start) / 1e9));
        }
        io.out().flush();
        io.err().flush();
        return status;
    }

    private static boolean isTls(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    private static String commandName(CommandLine command) {
        return command == null || command.getParent() == null ? "" : " " + command.getCommandName();
    }
}
