package io.glance.cli;

import io.glance.client.GlanceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/** {@code glance}: the global options, shared by every command (they may come before or after the command name). */
@Command(name = "glance", mixinStandardHelpOptions = true, version = "glance (Java) 0.1.0, Images API v2",
        description = "Manage images in a Glance image service.",
        footer = {"", "Exit status: 0 ok, 1 usage error, 2 not found, 3 conflict (wrong state or exists),",
                "  4 forbidden or unauthorized, 5 cannot connect, 6 checksum mismatch, 7 other server error."},
        subcommands = {AddCommand.class, UpdateCommand.class, DeleteCommand.class, IndexCommand.class,
                DetailsCommand.class, ShowCommand.class, ClearCommand.class, DownloadCommand.class,
                UploadCommand.class, MembersCommand.class, TagsCommand.class, HelpCommand.class})
final class GlanceCommand implements Callable<Integer> {
    @Option(names = {"-H", "--host"}, defaultValue = "0.0.0.0", scope = ScopeType.INHERIT,
            description = "Address of the Glance API host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "9292", scope = ScopeType.INHERIT,
            description = "Port the Glance API host listens on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-U", "--url"}, scope = ScopeType.INHERIT,
            description = "Endpoint URL, e.g. http://glance.example.com:9292; overrides --host and --port.")
    URI url;

    @Option(names = {"-A", "--auth-token", "--auth_token"}, scope = ScopeType.INHERIT,
            description = "Token sent as X-Auth-Token.")
    String authToken;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Print more verbose output.")
    boolean verbose;

    @Option(names = "--dry-run", scope = ScopeType.INHERIT,
            description = "Don't change anything; print what would be done.")
    boolean dryRun;

    @Option(names = {"-f", "--force"}, scope = ScopeType.INHERIT,
            description = "Don't ask for confirmation (delete, clear).")
    boolean force;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print images as JSON.")
    boolean json;

    @Option(names = "--progress", scope = ScopeType.INHERIT,
            description = "Show a progress bar on upload and download even when stderr is no terminal.")
    boolean progress;

    @Spec
    CommandSpec spec;

    private final Io io;

    GlanceCommand(Io io) {
        this.io = requireNonNull(io, "io is null");
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(io.out());
        return ExitCodes.OK;
    }

    Io io() {
        return io;
    }

    URI endpoint() {
        return url != null ? url : URI.create("http://" + host + ":" + port);
    }

    GlanceClient client() {
        return authToken == null ? GlanceClient.create(endpoint()) : GlanceClient.create(endpoint(), authToken);
    }

    /** A bar on stderr when it is a terminal or --progress asks for one; else nothing. */
    ProgressBar progressBar() {
        return progress || io.stderrIsTerminal() ? new ProgressBar(io.err(), System::nanoTime) : null;
    }

    /** Asks on stderr and reads the answer from stdin, unless --force or stdin is no terminal (scripts). */
    boolean confirm(String question) {
        if (force || !io.stdinIsTerminal()) {
            return true;
        }
        io.err().print(question + " [y/N] ");
        io.err().flush();
        try {
            StringBuilder answer = new StringBuilder();
            int c;
            while ((c = io.in().read()) >= 0 && c != '\n') {
                answer.append((char) c);
            }
            String text = answer.toString().strip().toLowerCase(java.util.Locale.ROOT);
            return text.equals("y") || text.equals("yes");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
