package dev.motospkg.cli;

import dev.motospkg.action.ReleaseTarget;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which chart, and which release name/namespace it renders for. */
public final class ChartOptions {
    @Option(names = "--chart", paramLabel = "DIR",
            description = "Chart folder (Chart.yaml, templates/, optional values.yaml and values.schema.json). "
                    + "Default: chart/ with values/values.yaml and schema/values.schema.json.")
    Path chart;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Target namespace. Default: the chart's `namespace` value.")
    String namespace;

    @Option(names = "--release-name", paramLabel = "NAME", description = "Release name. Default: the chart name.")
    String releaseName;

    ReleaseTarget target() {
        return new ReleaseTarget(releaseName, namespace);
    }
}
