package dev.motospkg.cli;

import dev.motospkg.action.DataOptions;
import dev.motospkg.action.Rollback;
import dev.motospkg.error.MotosException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollback",
        description = "Roll back to an earlier revision (default: the previous one) as a new revision.")
final class RollbackCommand implements Callable<Integer> {
    @Mixin HelpOption help;
    private final App app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Release name (default: the chart name).")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REVISION", description = "Revision to go back to.")
    Integer revision;

    @Mixin ReleaseOptions release;
    @Mixin WaitFlags wait;
    @Mixin KubeOptions kube;

    @Option(names = "--history-max", defaultValue = "10", converter = NonNegativeInt.class, description = "Revisions to keep (default: ${DEFAULT-VALUE}).")
    int historyMax;

    @Mixin BackupFlag backup;

    @Option(names = "--restore-data", description = "When the database is ahead of REVISION (migrations its code does"
            + " not know): stop the backend, put back the backups taken before the revision that moved it forward"
            + " (rows and files written since are replaced), then roll back.")
    boolean restoreData;

    @Option(names = "--keep-data", description = "Roll back the objects only, even when the database is ahead of"
            + " REVISION (safe only if its code works with the newer schema).")
    boolean keepData;

    RollbackCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        if (restoreData && keepData) {
            throw MotosException.invalid("--restore-data and --keep-data contradict each other",
                    "Keep one: --restore-data puts the backups back, --keep-data leaves the database as it is.");
        }
        if (restoreData && wait.options().atomic()) {
            throw MotosException.invalid("--atomic cannot undo --restore-data: rolling back to the current revision"
                    + " would run its newer migrations on the restored data again",
                    "Use --wait: if the rollback fails, the data stays restored and you choose the next step.");
        }
        var ref = app.resolve(name, release);
        var ctx = app.actionContext(kube);
        DataOptions data = backup.apply(new DataOptions(true, restoreData ? DataOptions.OnRollback.RESTORE
                : keepData ? DataOptions.OnRollback.KEEP : DataOptions.OnRollback.REFUSE_IF_AHEAD));
        var result = new Rollback(ctx).run(new Rollback.Options(ref, revision, wait.options(), historyMax, data));
        app.printChangeSummary(result);
        return 0;
    }
}
