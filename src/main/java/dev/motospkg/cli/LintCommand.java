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

    LintCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        if (chartArg != null && chart.chart != null && !chartArg.normalize().equals(chart.chart.normalize())) {
            throw dev.motospkg.error.MotosException.invalid("two charts given: " + chartArg + " and --chart " + chart.chart,
                    "Give the chart once, as the CHART argument or with --chart.");
        }
        app.lint().run(new Lint.Options(chartArg != null ? chartArg : chart.chart, values.request(), chart.target(),
                strict), app.out());
        return 0;
    }
}
