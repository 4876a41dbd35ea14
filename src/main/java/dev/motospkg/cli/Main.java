package dev.motospkg.cli;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point. {@link #run} is the testable form: output to the given writers, exit code returned. */
@Command(name = "motospkg", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Helm-style packaging for the motos app: validate, render, diff, install, upgrade, roll back.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces on errors.")
    boolean debug;

    public static void main(String[] args) {
        // only in a process of its own: tests run many commands in one JVM that is warm already
        String named = named(args);
        if (named != null && RENDERING.contains(named)) {
            dev.motospkg.render.WarmUp.start();
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(out, err, Path.of("").toAbsolutePath(), System.console() != null, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(PrintWriter out, PrintWriter err, Path workDir, String... args) {
        return run(out, err, workDir, false, args);
    }

    /** @param terminal whether stdout is a person's terminal (colours) */
    public static int run(PrintWriter out, PrintWriter err, Path workDir, boolean terminal, String... args) {
        return run(out, err, workDir, terminal, null, args);
    }

    /**
     * The one seam for tests of cluster commands: {@code contexts} supplies store, cluster, locks and
     * waiter (null: the real ones from the kubeconfig).
     */
    public static int run(PrintWriter out, PrintWriter err, Path workDir, boolean terminal,
            ActionContextFactory contexts, String... args) {
        App app = new App(out, err, workDir, terminal, contexts);
        Main main = new Main();
        CommandLine cli = new CommandLine(main, new Factory(app));
        addSubcommands(cli, named(args), args);
        // Repeated -f/--set call their setters once each, in order; that is how layering order is kept.
        cli.setOverwrittenOptionsAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, err, main.debug));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("Error: " + (e.getMessage() == null ? "invalid arguments" : dev.motospkg.error.ClassNames.strip(e.getMessage())));
            boolean version = e instanceof CommandLine.UnmatchedArgumentException u
                    && u.getUnmatched().stream().anyMatch(arg -> arg.equals("--version") || arg.equals("-V"));
            err.println("Hint: " + (version ? "`motospkg --version` prints motospkg's version; " : "") + "run `"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help` for usage.");
            err.flush();
            return ExitCode.INVALID_INPUT.code();
        });
        if (args.length == 0) {
            cli.usage(out);
            return ExitCode.INVALID_INPUT.code();
        }
        try {
            return cli.execute(args);
        } catch (RuntimeException | Error e) {
            // picocli passes Errors (OutOfMemoryError, StackOverflowError) through its handlers.
            return report(e, err, main.debug);
        } finally {
            app.close();
        }
    }

    /** Commands that render the chart (and whose render a warm-up can prepare while they parse their arguments). */
    private static final java.util.Set<String> RENDERING = java.util.Set.of("template", "lint", "install", "upgrade", "diff");

    /** Every command, in the order `--help` lists them. */
    private static final java.util.List<Class<?>> COMMANDS = java.util.List.of(TemplateCommand.class, LintCommand.class,
            InstallCommand.class, UpgradeCommand.class, RollbackCommand.class, UninstallCommand.class, DiffCommand.class,
            StatusCommand.class, InspectCommands.History.class, InspectCommands.Backups.class, BackupCommand.class,
            InspectCommands.ListReleases.class,
            InspectCommands.Get.class, VersionCommand.class, CompletionCommand.class, DoctorCommand.class);

    /**
     * picocli builds the model of every registered command by reflection before parsing (~100 ms
     * for all of them): when the command is named, only that one is registered.
     */
    private static void addSubcommands(CommandLine cli, String named, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return; // the version names no command: building all of them took most of its time
        }
        for (Class<?> command : COMMANDS) {
            CommandLine.Command spec = command.getAnnotation(CommandLine.Command.class);
            boolean matches = spec.name().equals(named) || java.util.Arrays.asList(spec.aliases()).contains(named);
            if (matches) {
                cli.addSubcommand(command);
                return;
            }
        }
        COMMANDS.forEach(cli::addSubcommand);
    }

    /** The command the arguments name: their first word that is not an option (null: none). */
    private static String named(String... args) {
        return java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse(null);
    }

    /** The whole command tree, every command registered: what shell completion describes. */
    static CommandLine commandLine(App app) {
        CommandLine cli = new CommandLine(new Main(), new Factory(app));
        addSubcommands(cli, null);
        return cli;
    }

    /** Commands get the composition root through their constructor; no statics. */
    private record Factory(App app) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                var ctor = cls.getDeclaredConstructor(App.class);
                ctor.setAccessible(true);
                return ctor.newInstance(app);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    /** The one place exceptions become exit codes and user-facing text. */
    static int report(Throwable e, PrintWriter err, boolean debug) {
        if (e instanceof MotosException m) {
            err.println("Error: " + m.getMessage());
            if (m.hint() != null) {
                err.println("Hint: " + m.hint());
            }
            if (debug) {
                m.printStackTrace(err);
            }
            err.flush();
            return m.exitCode().code();
        }
        // Only MotosException text is written for users; anything else may carry class names or values.
        err.println("Error: internal error" + (e instanceof OutOfMemoryError ? " (out of memory)"
                : e instanceof StackOverflowError ? " (input nested too deeply)" : ""));
        err.println("Hint: this is a bug in motospkg; run again with --debug to see the details and report them.");
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.FAILED.code();
    }
}
