package dev.motospkg.cli;

import dev.motospkg.action.Status;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a release's revision, each object's live state, and how to reach the frontend.")
final class StatusCommand implements Callable<Integer> {
    private final App app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME") String name;
    @Mixin ReleaseOptions release;
    @Mixin KubeOptions kube;
    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, json or yaml.") String output;

    StatusCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        var ref = app.resolve(name, release);
        new Status(app.actionContext(kube)).run(ref, App.format(output));
        return 0;
    }
}
