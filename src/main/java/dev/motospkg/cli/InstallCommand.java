package dev.motospkg.cli;

import dev.motospkg.action.Install;
import dev.motospkg.action.ReleaseTarget;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install the chart as a new release (revision 1).")
final class InstallCommand implements Callable<Integer> {
    private final App app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Release name (default: the chart name).")
    String name;

    @Mixin ValuesOptions values;
    @Mixin ChartOptions chart;
    @Mixin WaitFlags wait;
    @Mixin KubeOptions kube;
    @Mixin ChangeFlags change;




    InstallCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        var ctx = app.actionContext(kube);
        var release = new Install(ctx).run(new Install.Options(chart.chart, values.request(),
                new ReleaseTarget(name != null ? name : chart.releaseName, chart.namespace), wait.options(), change.dryRun,
                change.historyMax, change.adopt));
        if (release != null) {
            app.printChangeSummary(release);
        }
        return 0;
    }
}
