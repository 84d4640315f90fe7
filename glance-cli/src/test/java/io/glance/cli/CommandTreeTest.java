package io.glance.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run builds only the command it names (CommandTree): every command help lists must still be found, parse and run
 * with the same model, help text and inherited options as when all commands are built.
 */
class CommandTreeTest {
    private static GlanceCommand root() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        return new GlanceCommand(new Io(new ByteArrayInputStream(new byte[0]), nowhere, nowhere, false, false, -1,
                Map.of()));
    }

    /** The command names `glance help` lists, read from its output (what a user sees). */
    private static List<String> listedCommands() {
        CliRun help = CliRun.run("help");
        assertThat(help.status()).isZero();
        List<String> names = new ArrayList<>();
        boolean inList = false;
        for (String line : help.lines()) {
            if (line.startsWith("Commands:")) {
                inList = true;
            } else if (inList && line.isEmpty()) {
                inList = false;
            } else if (inList && line.startsWith("  ") && !line.startsWith("   ")) {
                names.add(line.strip().split("\\s+")[0]);
            }
        }
        return names;
    }

    @Test
    void helpListsEveryCommandOfTheFullTreeInItsOrder() {
        List<String> listed = listedCommands();
        assertThat(listed).hasSize(49).startsWith("cache-clear").contains("show", "md-tag-update").endsWith("help");
        assertThat(listed).containsExactlyElementsOf(CommandTree.full(root()).getSubcommands().keySet());
    }

    @Test
    void eachListedCommandAloneHasTheSameModelAsInTheFullTree() {
        CommandLine full = CommandTree.full(root());
        for (String name : listedCommands()) {
            CommandLine alone = CommandTree.forArguments(root(), new String[] {"-v", "--url", "http://x:1", name, "a"});
            if (name.equals("help")) {
                assertThat(alone.getSubcommands()).as(name).hasSize(49);
                continue;
            }
            assertThat(alone.getSubcommands().keySet()).as(name).containsExactly(name);
            assertThat(alone.getSubcommands().get(name).getUsageMessage()).as(name)
                    .isEqualTo(full.getSubcommands().get(name).getUsageMessage())
                    .contains("Usage: glance " + name, "--os-auth-url"); // the root's options are inherited
        }
    }

    @Test
    void eachListedCommandParsesAndRuns() {
        for (String name : listedCommands()) {
            // Without its arguments, against a port nothing listens on: a usage error (1) or, for a command that
            // needs none, the connection refused (5); never an exception or an unknown command.
            CliRun bare = CliRun.run("--url", "http://127.0.0.1:1", name);
            assertThat(bare.status()).as(name + ": " + bare.err()).isIn(ExitCodes.OK, ExitCodes.USAGE,
                    ExitCodes.CONNECTION);
            assertThat(bare.err()).as(name).doesNotContain("Unknown command");
        }
    }

    @Test
    void findsTheCommandNameAfterTheRootOptionsAsPicocliReadsThem() {
        CommandLine.Model.CommandSpec spec = new CommandLine(root()).getCommandSpec();
        assertThat(CommandTree.commandName(spec, new String[] {"show", "x"})).isEqualTo("show");
        assertThat(CommandTree.commandName(spec, new String[] {"-H", "h", "-p", "9", "show"})).isEqualTo("show");
        assertThat(CommandTree.commandName(spec, new String[] {"--url=http://h:1", "-v", "index"})).isEqualTo("index");
        assertThat(CommandTree.commandName(spec, new String[] {"--os-auth-url", "show", "index"})).isEqualTo("index");
        assertThat(CommandTree.commandName(spec, new String[] {"-Hhost", "show"})).isEqualTo("show");
        assertThat(CommandTree.commandName(spec, new String[] {"-vk", "show"})).isEqualTo("show");
        assertThat(CommandTree.commandName(spec, new String[] {"-vH", "index", "show"})).isEqualTo("show");
        // These list the commands or are not read this way: all commands are built.
        assertThat(CommandTree.commandName(spec, new String[] {})).isNull();
        assertThat(CommandTree.commandName(spec, new String[] {"--help", "show"})).isNull();
        assertThat(CommandTree.commandName(spec, new String[] {"-vh", "show"})).isNull();
        assertThat(CommandTree.commandName(spec, new String[] {"--", "show"})).isNull();
        assertThat(CommandTree.commandName(spec, new String[] {"@args.txt"})).isNull();
        assertThat(CommandTree.commandName(spec, new String[] {"--bogus", "show"})).isNull();
        assertThat(CommandTree.forArguments(root(), new String[] {"nonesuch"}).getSubcommands()).hasSize(49);
    }

    @Test
    void helpOfOneCommandIsItsUsage() {
        CliRun help = CliRun.run("-H", "h", "help", "show");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage: glance show").contains("ID", "--os-auth-url");
    }

    @Test
    void anUnknownCommandIsStillReportedByName() {
        CliRun run = CliRun.run("sho", "x");
        assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("Unknown command: sho\n");
    }
}
