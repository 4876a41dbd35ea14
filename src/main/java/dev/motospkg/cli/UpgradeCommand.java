package dev.motospkg.cli;

import dev.motospkg.action.Upgrade;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "upgrade",
        description = "Upgrade a release. Keeps the values of the deployed revision and applies -f/--set on top.")
final class UpgradeCommand implements Callable<Integer> {
    @Mixin HelpOption help;
    private final App app;

    @Mixin RenderArgs args;
    @Mixin WaitFlags wait;
    @Mixin KubeOptions kube;
    @Mixin ChangeFlags change;
    @Mixin HelmDefaults helmDefaults;

    @Option(names = {"-i", "--install"}, description = "Install the release if it is not installed yet.")
    boolean install;

    @Option(names = "--reuse-values",
            description = "Helm's flag for what motospkg does by default: keep the deployed revision's values.")
    boolean reuseValues;

    @Option(names = "--reset-values", description = "Start from the chart defaults instead of the release's values.")
    boolean resetValues;

    @Option(names = "--restart", description = "Replace every pod even if nothing changed (a pod-template annotation,"
            + " like `kubectl rollout restart`), e.g. after an image was rebuilt under the same tag; recorded in history.")
    boolean restart;

    @picocli.CommandLine.Mixin BackupFlag backup;

    UpgradeCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        args.checkVersion(app);
        if (reuseValues && resetValues) {
            throw dev.motospkg.error.MotosException.invalid("--reuse-values and --reset-values contradict each other",
                    "Keep one: upgrade keeps the release's values by default; --reset-values starts from the chart's.");
        }
        if (reuseValues) {
            app.note("--reuse-values is motospkg's default: upgrade keeps the deployed revision's values"
                    + " (--reset-values starts over).");
        }
        helmDefaults.note(app);
        var ctx = app.actionContext(kube);
        var release = new Upgrade(ctx).run(new Upgrade.Options(args.chartDir(), args.request(),
                args.target(), wait.options(), install,
                resetValues, change.dryRun, change.historyMax, change.takeover(), restart,
                backup.apply(dev.motospkg.action.DataOptions.defaults())));
        if (release != null) {
            app.printChangeSummary(release);
        }
        return 0;
    }
}
