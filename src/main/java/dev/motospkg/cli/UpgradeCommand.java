package dev.motospkg.cli;

import dev.motospkg.action.Upgrade;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Upgrade a release. Keeps the values of the deployed revision and applies -f/--set on top.")
final class UpgradeCommand implements Callable<Integer> {
    private final App app;

    @Mixin RenderArgs args;
    @Mixin WaitFlags wait;
    @Mixin KubeOptions kube;
    @Mixin ChangeFlags change;

    @Option(names = {"-i", "--install"}, description = "Install the release if it is not installed yet.")
    boolean install;

    @Option(names = "--reset-values", description = "Start from the chart defaults instead of the release's values.")
    boolean resetValues;

    UpgradeCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        var ctx = app.actionContext(kube);
        var release = new Upgrade(ctx).run(new Upgrade.Options(args.chartDir(), args.request(),
                args.target(), wait.options(), install,
                resetValues, change.dryRun, change.historyMax, change.takeover()));
        if (release != null) {
            app.printChangeSummary(release);
        }
        return 0;
    }
}
