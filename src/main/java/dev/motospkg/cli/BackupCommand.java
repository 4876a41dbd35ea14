package dev.motospkg.cli;

import dev.motospkg.action.TakeBackup;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backup", description = "Back up a release's data now (the chart's backup steps: the database"
        + " and the media volume), recorded in its deployed revision.")
final class BackupCommand implements Callable<Integer> {
    @Mixin HelpOption help;
    private final App app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Release name (default: the chart name).")
    String name;

    @Mixin ReleaseOptions release;
    @Mixin KubeOptions kube;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long each backup step may take: 90s, 5m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    BackupCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        var ref = app.resolve(name, release);
        var taken = new TakeBackup(app.actionContext(kube)).run(new TakeBackup.Options(ref, timeout));
        app.out().println("Backed up release " + ref.name() + ": " + String.join(", ", taken.stream()
                .map(b -> b.name() + " (" + b.size() + " bytes)").toList()) + "; `motospkg backups " + ref.name()
                + " -n " + ref.namespace() + "` lists them.");
        return 0;
    }
}
