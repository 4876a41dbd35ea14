package dev.motospkg.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** For commands that address an existing release: its namespace, and the chart whose defaults name it. */
public final class ReleaseOptions {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespace of the release (default: the chart's `namespace` value).")
    String namespace;

    @Option(names = "--chart", paramLabel = "DIR", description = "Chart whose defaults give the release name and namespace.")
    Path chart;
}
