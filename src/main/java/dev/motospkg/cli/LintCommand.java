package dev.motospkg.cli;

import dev.motospkg.action.Lint;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "lint",
        description = "Check values against the schema, render, and run domain checks (tags, volumes, ports, resources).")
final class LintCommand implements Callable<Integer> {
    @Mixin HelpOption help;
    private final App app;

    @Mixin
    ValuesOptions values;

    @Mixin
    ChartOptions chart;

    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "CHART",
            description = "Chart folder, as --chart (Helm's `lint PATH`).")
    java.nio.file.Path chartArg;

    @Option(names = "--strict", description = "Fail on warnings too.")
    boolean strict;

    @Option(names = "--history", description = "Also read the release's history from the cluster and warn on an"
            + " IfNotPresent image whose tag ran as different contents across its revisions (rebuilt under the same tag).")
    boolean history;

    @Mixin KubeOptions kube;

    LintCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        if (chartArg != null && chart.chart != null && !chartArg.normalize().equals(chart.chart.normalize())) {
            throw dev.motospkg.error.MotosException.invalid("two charts given: " + chartArg + " and --chart " + chart.chart,
                    "Give the chart once, as the CHART argument or with --chart.");
        }
        java.util.List<dev.motospkg.release.Release> revisions = java.util.List.of();
        if (history) {
            var ref = app.resolve(chart.target(), chartArg != null ? chartArg : chart.chart);
            revisions = app.actionContext(kube).store().history(ref.namespace(), ref.name());
        }
        app.lint().run(new Lint.Options(chartArg != null ? chartArg : chart.chart, values.request(), chart.target(),
                strict, revisions), app.out());
        return 0;
    }
}
