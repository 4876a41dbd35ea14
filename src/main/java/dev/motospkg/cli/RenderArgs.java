package dev.motospkg.cli;

import dev.motospkg.action.ReleaseTarget;
import dev.motospkg.values.ValuesRequest;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** What every command that renders the chart for a release takes: [NAME], the chart, the values. */
public final class RenderArgs {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Release name (default: the chart name).")
    String name;

    @Mixin ValuesOptions values;
    @Mixin ChartOptions chart;

    ReleaseTarget target() {
        return new ReleaseTarget(name != null ? name : chart.releaseName, chart.namespace);
    }

    Path chartDir() {
        return chart.chart;
    }

    ValuesRequest request() {
        return values.request();
    }
}
