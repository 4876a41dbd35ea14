package dev.motospkg.cli;

import picocli.CommandLine.Option;

/** Helm flags for what motospkg always does: accepted, so scripts ported from Helm run, and said so. */
public final class HelmDefaults {
    @Option(names = "--create-namespace",
            description = "Helm's flag for what motospkg does by default: create the namespace when it is missing.")
    boolean createNamespace;

    void note(App app) {
        if (createNamespace) {
            app.note("--create-namespace is motospkg's default: a missing namespace is always created.");
        }
    }
}
