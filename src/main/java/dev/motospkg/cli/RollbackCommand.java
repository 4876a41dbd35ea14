package dev.motospkg.cli;

import dev.motospkg.action.Rollback;
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

    RollbackCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        var ref = app.resolve(name, release);
        var ctx = app.actionContext(kube);
        var result = new Rollback(ctx).run(new Rollback.Options(ref, revision, wait.options(), historyMax));
        app.printChangeSummary(result);
        return 0;
    }
}
