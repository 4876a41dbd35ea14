package dev.motospkg.cli;

import dev.motospkg.action.Uninstall;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "uninstall",
        description = "Delete a release's objects. PersistentVolumeClaims are kept unless --delete-data; the Namespace"
                + " is always kept (the command that deletes it is printed).")
final class UninstallCommand implements Callable<Integer> {
    @Mixin HelpOption help;
    private final App app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Release name (default: the chart name).")
    String name;

    @Mixin ReleaseOptions release;
    @Mixin KubeOptions kube;

    @Option(names = "--keep-history", description = "Keep the release records (status uninstalled).")
    boolean keepHistory;

    @Option(names = "--delete-data", description = "Also delete the release's PersistentVolumeClaims (their data is lost).")
    boolean deleteData;

    @Option(names = "--dry-run", description = "Say what would be deleted and what kept; change nothing.")
    boolean dryRun;

    UninstallCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        var ref = app.resolve(name, release);
        new Uninstall(app.actionContext(kube)).run(new Uninstall.Options(ref, keepHistory, deleteData, dryRun));
        return 0;
    }
}
