package dev.motospkg.cli;

import dev.motospkg.action.ReleaseTarget;
import dev.motospkg.error.MotosException;
import dev.motospkg.values.ValuesRequest;
import java.nio.file.Path;
import java.util.Objects;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What every command that renders the chart for a release takes, positionally as Helm does
 * ({@code install [NAME] [CHART]}), the chart, the values, and Helm's {@code --version}.
 */
public final class RenderArgs {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
            description = "Release name (default: the chart name). A lone argument with a / in it (chart/, ./chart,"
                    + " .) is the CHART.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "CHART",
            description = "Chart folder, as --chart (default: chart/ with values/ and schema/).")
    Path chartArg;

    @Option(names = "--version", paramLabel = "VERSION",
            description = "Helm's chart version: motospkg uses the local chart, so this checks that it is that"
                    + " version and refuses otherwise.")
    String chartVersion;

    @Mixin ValuesOptions values;
    @Mixin ChartOptions chart;

    ReleaseTarget target() {
        return new ReleaseTarget(releaseName() != null ? releaseName() : chart.releaseName, chart.namespace);
    }

    Path chartDir() {
        Path positional = chartArg != null ? chartArg : looksLikeChart(name) ? Path.of(name) : null;
        if (positional != null && chart.chart != null && !positional.normalize().equals(chart.chart.normalize())) {
            throw MotosException.invalid("two charts given: " + positional + " and --chart " + chart.chart,
                    "Give the chart once, as the CHART argument or with --chart.");
        }
        return positional != null ? positional : chart.chart;
    }

    ValuesRequest request() {
        return values.request();
    }

    private String releaseName() {
        return chartArg == null && looksLikeChart(name) ? null : name;
    }

    /** Release names are DNS labels and never hold a slash; chart paths given alone usually do. */
    private static boolean looksLikeChart(String arg) {
        return arg != null && (arg.contains("/") || arg.equals(".") || arg.equals(".."));
    }

    /** Helm's {@code --version} picks a chart from a repository; here there is one chart, so it must match. */
    void checkVersion(App app) {
        if (chartVersion == null) {
            return;
        }
        String actual = app.pipeline().chartOnly(chartDir()).metadata().version();
        if (!Objects.equals(chartVersion.replaceFirst("^v", ""), actual)) {
            throw MotosException.invalid("--version " + chartVersion + " asked for, but the chart is version " + actual,
                    "motospkg uses the chart folder it is given, not a repository: check out the chart of version "
                            + chartVersion + ", or drop --version.");
        }
    }
}
