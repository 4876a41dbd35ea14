package dev.motospkg.cli;

import dev.motospkg.action.Lint;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Check values against the schema, render, and run domain checks (tags, volumes, ports, resources).")
final class LintCommand implements Callable<Integer> {
    private final App app;

    @Mixin
    ValuesOptions values;

    @Mixin
    ChartOptions chart;

    @Option(names = "--strict", description = "Fail on warnings too.")
    boolean strict;

    LintCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        app.lint().run(new Lint.Options(chart.chart, values.request(), chart.target(), strict), app.out());
        return 0;
    }
}
