package io.glance.server.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command (the real OpenStack clients) and captures what it printed. */
final class CommandLine {

    record Result(List<String> command, int exitCode, String output) {
        Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("command failed with exit code " + exitCode + ": " + String.join(" ", command)
                        + "\n" + output);
            }
            return this;
        }
    }

    private CommandLine() {
    }

    static Result run(Path home, List<String> command) throws IOException, InterruptedException {
        return run(home, java.util.Map.of(), command);
    }

    /** Runs {@code command} with a clean environment plus {@code variables} (an openrc's OS_* settings). */
    static Result run(Path home, java.util.Map<String, String> variables, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(GlanceProcess.cleanEnvironment(home));
        builder.environment().putAll(variables);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("command timed out: " + String.join(" ", command));
        }
        return new Result(command, process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static void requireInstalled(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (java.nio.file.Files.isExecutable(Path.of(dir, program))) {
                return;
            }
        }
        throw new AssertionError(program + " is not installed: run bin/test-setup (apt-get install " + debianPackage + ")");
    }
}
