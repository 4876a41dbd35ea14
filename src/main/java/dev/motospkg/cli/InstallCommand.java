package dev.motospkg.cli;

import dev.motospkg.action.Install;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "install",
        description = "Install the chart as a new release (revision 1).")
final class InstallCommand implements Callable<Integer> {
    @Mixin HelpOption help;
    private final App app;

    @Mixin RenderArgs args;
    @Mixin WaitFlags wait;
    @Mixin KubeOptions kube;
    @Mixin ChangeFlags change;
    @Mixin HelmDefaults helmDefaults;

    InstallCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        args.checkVersion(app);
        helmDefaults.note(app);
        var ctx = app.actionContext(kube);
        var release = new Install(ctx).run(new Install.Options(args.chartDir(), args.request(),
                args.target(), wait.options(), change.dryRun,
                change.historyMax, change.takeover()));
        if (release != null) {
            app.printChangeSummary(release);
        }
        return 0;
    }
}
