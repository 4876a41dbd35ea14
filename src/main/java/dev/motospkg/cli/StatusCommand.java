package dev.motospkg.cli;

import dev.motospkg.action.Status;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status",
        description = "Show a release's revision, each object's live state, and how to reach the frontend.")
final class StatusCommand implements Callable<Integer> {
    @Mixin HelpOption help;
    private final App app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME") String name;
    @Mixin ReleaseOptions release;
    @Mixin KubeOptions kube;
    @Mixin ListingOutput output;
    @Option(names = "--drift", description = "Also show what changed in the cluster since the revision was applied.")
    boolean drift;

    StatusCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        var ref = app.resolve(name, release);
        var ctx = app.actionContext(kube);
        new Status(ctx).run(ref, output.format());
        if (drift) {
            ctx.out().println();
            new dev.motospkg.action.Diff(ctx).drift(ref, new dev.motospkg.action.Diff.Options(
                    new dev.motospkg.diff.DiffPrinter.Style(app.colorOutput(), 3), false, false, false,
                    app.chartIfPresent(release.chart)));
        }
        return 0;
    }
}
