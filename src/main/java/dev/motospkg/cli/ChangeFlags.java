package dev.motospkg.cli;

import picocli.CommandLine.Option;

/** Flags shared by install and upgrade. */
public final class ChangeFlags {
    @Option(names = "--dry-run", description = "Show what would be applied (secrets hidden); change nothing.")
    boolean dryRun;

    @Option(names = "--adopt",
            description = "Take over objects that exist but belong to no release (e.g. made by kubectl apply), in place.")
    boolean adopt;

    @Option(names = "--force",
            description = "Replace objects whose immutable fields differ (a Deployment selector): delete, then create; "
                    + "their pods restart. Never a PersistentVolumeClaim or the Namespace.")
    boolean force;

    @Option(names = "--history-max", defaultValue = "10", converter = NonNegativeInt.class, description = "Revisions to keep (default: ${DEFAULT-VALUE}).")
    int historyMax;

    dev.motospkg.action.Takeover takeover() {
        return new dev.motospkg.action.Takeover(adopt, force);
    }
}
