package io.glance.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One in-process run of the CLI: its exit status and what it printed. */
record CliRun(int status, String out, String err, byte[] outBytes) {
    static CliRun run(byte[] stdin, String... args) {
        return run(false, stdin, args);
    }

    /** With {@code terminal}, standard input counts as a terminal (confirmation prompts are asked). */
    static CliRun run(boolean terminal, byte[] stdin, String... args) {
        return run(terminal, stdin, Map.of(), args);
    }

    /** With these environment variables ({@code OS_AUTH_URL}, ...). */
    static CliRun withEnvironment(Map<String, String> environment, String... args) {
        return run(false, new byte[0], environment, args);
    }

    private static CliRun run(boolean terminal, byte[] stdin, Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal, false, -1, environment);
        int status = GlanceCli.run(args, io);
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                out.toByteArray());
    }

    static CliRun run(String... args) {
        return run(new byte[0], args);
    }

    String[] lines() {
        return out.split("\n");
    }
}
