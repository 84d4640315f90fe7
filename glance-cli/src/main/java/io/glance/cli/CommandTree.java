package io.glance.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.lang.reflect.Method;
import java.util.List;

/**
 * The picocli tree one run needs. picocli builds a command's model by reflection over its class, annotations and
 * inherited options; for all ~50 commands that was the largest part of a cold start (0.6-1.1 CPU s of a
 * {@code bin/glance show}, bench/README.md). So a run that names a command gets the root and that command only; a
 * run that lists commands or cannot be read that way ({@code help}, no command, {@code --help}, an unknown name,
 * {@code @file}, {@code --}) gets all of them, in the order picocli gave them when they were all declared on the
 * root: the cache and metadata-definition methods, then the image commands, then help.
 */
final class CommandTree {
    /** The image commands, in the order help lists them. */
    static final List<Class<?>> IMAGE_COMMANDS = List.of(AddCommand.class, UpdateCommand.class, DeleteCommand.class,
            IndexCommand.class, DetailsCommand.class, ShowCommand.class, ClearCommand.class, DownloadCommand.class,
            UploadCommand.class, MembersCommand.class, TagsCommand.class, StageCommand.class, ImportCommand.class,
            TasksCommand.class);

    /** The classes whose methods are commands (the root command's superclasses). */
    private static final List<Class<?>> METHOD_COMMAND_CLASSES = List.of(CacheCommands.class, MetadefCommands.class);

    private CommandTree() {
    }

    /** The root command with every command under it. */
    static CommandLine full(GlanceCommand root) {
        CommandLine cli = new CommandLine(root);
        for (Class<?> holder : METHOD_COMMAND_CLASSES) {
            for (Method method : CommandLine.getCommandMethods(holder, null)) { // sorted by method name
                cli.addSubcommand(new CommandLine(method));
            }
        }
        for (Class<?> command : IMAGE_COMMANDS) {
            cli.addSubcommand(command);
        }
        cli.addSubcommand(HelpCommand.class);
        return cli;
    }

    /** The root command with the command {@code args} name under it, or with all of them (see the class comment). */
    static CommandLine forArguments(GlanceCommand root, String[] args) {
        CommandLine cli = new CommandLine(root);
        String name = commandName(cli.getCommandSpec(), args);
        if (name == null || !addCommand(cli, name)) {
            return full(root);
        }
        return cli;
    }

    /** Adds the command called {@code name}; false when there is none or it is {@code help}. */
    private static boolean addCommand(CommandLine cli, String name) {
        for (Class<?> command : IMAGE_COMMANDS) {
            if (command.getAnnotation(Command.class).name().equals(name)) {
                cli.addSubcommand(command);
                return true;
            }
        }
        for (Class<?> holder : METHOD_COMMAND_CLASSES) {
            for (Method method : CommandLine.getCommandMethods(holder, null)) {
                if (method.getAnnotation(Command.class).name().equals(name)) {
                    cli.addSubcommand(new CommandLine(method)); // picocli calls it on the root command's object
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The first argument that is neither a root option nor the value of one, as picocli reads them: {@code --opt=v},
     * {@code --opt v}, {@code -o v}, {@code -ov} and clusters such as {@code -vk} or {@code -vH host}. Null when there
     * is none, or before it a usage or version option, {@code --}, an {@code @file} or an option the root lacks.
     */
    static String commandName(CommandSpec root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--") || arg.startsWith("@")) {
                return null;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                return arg;
            }
            int taken = optionArguments(root, arg);
            if (taken < 0) {
                return null;
            }
            i += taken;
        }
        return null;
    }

    /** How many following arguments the root option {@code arg} takes (0 or 1); -1 if unknown or help/version. */
    private static int optionArguments(CommandSpec root, String arg) {
        if (arg.startsWith("--") || arg.length() == 2 || arg.contains("=")) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            OptionSpec option = root.findOption(name);
            if (option == null || option.usageHelp() || option.versionHelp()) {
                return -1;
            }
            return arg.contains("=") || option.arity().max() == 0 ? 0 : 1;
        }
        for (int c = 1; c < arg.length(); c++) { // a cluster of short options, the last may take a value
            OptionSpec option = root.findOption(arg.charAt(c));
            if (option == null || option.usageHelp() || option.versionHelp()) {
                return -1;
            }
            if (option.arity().max() > 0) {
                return c == arg.length() - 1 ? 1 : 0; // "-vH host" or "-Hhost"
            }
        }
        return 0;
    }
}
