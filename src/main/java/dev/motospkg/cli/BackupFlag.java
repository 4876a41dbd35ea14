package dev.motospkg.cli;

import dev.motospkg.action.DataOptions;
import picocli.CommandLine.Option;

/** {@code --no-backup}, shared by upgrade and rollback (the commands whose risky changes are backed up first). */
public final class BackupFlag {
    @Option(names = "--no-backup", description = "Do not run the chart's backup steps before a risky change this time"
            + " (the value backup.enabled=false turns them off for the release).")
    boolean noBackup;

    DataOptions apply(DataOptions data) {
        return noBackup ? data.withoutBackups() : data;
    }
}
