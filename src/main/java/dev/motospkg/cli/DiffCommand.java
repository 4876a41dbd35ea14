package dev.motospkg.cli;

import dev.motospkg.action.Diff;
import dev.motospkg.action.OutputFormat;
import dev.motospkg.action.Install;
import dev.motospkg.action.Rollback;
import dev.motospkg.action.Takeover;
import dev.motospkg.action.Upgrade;
import dev.motospkg.action.WaitOptions;
import dev.motospkg.diff.DiffPrinter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code motospkg diff [install|upgrade|rollback]}: see before you change. Without a subcommand: drift. */
@Command(name = "diff",
        description = {"Show what a command would change in the live cluster, without changing anything.",
            "Without a subcommand: what changed in the cluster since the last revision was applied (drift)."},
        subcommands = {DiffCommand.DiffInstall.class, DiffCommand.DiffUpgrade.class, DiffCommand.DiffRollback.class})
final class DiffCommand implements Callable<Integer> {
    @Mixin HelpOption help;
    private final App app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME") String name;
    @Mixin ReleaseOptions release;
    @Mixin KubeOptions kube;
    @Mixin Output output;

    DiffCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        var ref = app.resolve(name, release);
        return new Diff(app.actionContext(kube)).drift(ref, output.options(app, release.chart)).code();
    }

    /** Flags every diff takes. */
    static final class Output {
        @Option(names = "--exit-code", description = "Exit 3 when there are changes, 0 when none (2 stays invalid input).")
        boolean exitCode;

        @Option(names = {"-o", "--output"}, defaultValue = "diff", description = "diff (default) or json.")
        String format;

        @Option(names = "--context", defaultValue = "3", paramLabel = "N", converter = NonNegativeInt.class, description = "Lines of context (default: ${DEFAULT-VALUE}).")
        int context;

        @Option(names = "--show-secrets", description = "Show Secret contents and sensitive values in clear.")
        boolean showSecrets;

        @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set or output is not a terminal).")
        boolean noColor;

        Diff.Options options(App app, Path chart) {
            boolean json = App.format(format, OutputFormat.DIFF, OutputFormat.JSON) == OutputFormat.JSON;
            return new Diff.Options(new DiffPrinter.Style(!noColor && app.colorOutput(), context), json,
                    showSecrets, exitCode, app.chartIfPresent(chart));
        }
    }

    @Command(name = "install", description = "What `install` would create.")
    static final class DiffInstall implements Callable<Integer> {
        @Mixin HelpOption help;
        private final App app;
        @Mixin RenderArgs args;
        @Mixin KubeOptions kube;
        @Mixin Output output;
        @Option(names = "--adopt", description = "Plan as `install --adopt`.") boolean adopt;
        @Option(names = "--force", description = "Plan as `install --force`.") boolean force;

        DiffInstall(App app) {
            this.app = app;
        }

        @Override
        public Integer call() {
            args.checkVersion(app);
            return new Diff(app.actionContext(kube)).install(new Install.Options(args.chartDir(), args.request(),
                    args.target(), WaitOptions.none(), false, 10, new Takeover(adopt, force)), output.options(app, args.chartDir())).code();
        }
    }

    @Command(name = "upgrade", description = "What `upgrade` would change.")
    static final class DiffUpgrade implements Callable<Integer> {
        @Mixin HelpOption help;
        private final App app;
        @Mixin RenderArgs args;
        @Mixin KubeOptions kube;
        @Mixin Output output;
        @Option(names = "--reset-values", description = "Plan as `upgrade --reset-values`.") boolean resetValues;
        @Option(names = "--adopt", description = "Plan as `upgrade --adopt`.") boolean adopt;
        @Option(names = "--force", description = "Plan as `upgrade --force`.") boolean force;
        @Option(names = "--restart", description = "Plan as `upgrade --restart`.") boolean restart;

        DiffUpgrade(App app) {
            this.app = app;
        }

        @Override
        public Integer call() {
            args.checkVersion(app);
            return new Diff(app.actionContext(kube)).upgrade(new Upgrade.Options(args.chartDir(), args.request(),
                    args.target(), WaitOptions.none(), false, resetValues, false, 10, new Takeover(adopt, force), restart,
                    dev.motospkg.action.DataOptions.defaults()),
                    output.options(app, args.chartDir())).code();
        }
    }

    @Command(name = "rollback", description = "What `rollback` would change.")
    static final class DiffRollback implements Callable<Integer> {
        @Mixin HelpOption help;
        private final App app;
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME") String name;
        @Parameters(index = "1", arity = "0..1", paramLabel = "REVISION") Integer revision;
        @Mixin ReleaseOptions release;
        @Mixin KubeOptions kube;
        @Mixin Output output;

        DiffRollback(App app) {
            this.app = app;
        }

        @Override
        public Integer call() {
            var ref = app.resolve(name, release);
            return new Diff(app.actionContext(kube)).rollback(new Rollback.Options(ref, revision, WaitOptions.none(), 10),
                    output.options(app, release.chart)).code();
        }
    }
}
