package dev.motospkg.action;

import dev.motospkg.apply.DesiredObject;
import dev.motospkg.apply.Step;
import dev.motospkg.apply.Steps;
import dev.motospkg.error.MotosException;
import dev.motospkg.release.Backup;
import dev.motospkg.release.Release;
import dev.motospkg.storage.ReleaseLocks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code motospkg backup}: runs the deployed revision's backup steps now, whatever the next change
 * will be, under the release lock (no upgrade or rollback runs meanwhile), and records the files in
 * that revision as taken on demand at it. A rollback to it can then restore them.
 */
public final class TakeBackup {

    public record Options(ReleaseRef release, Duration timeout) {
    }

    private final ActionContext ctx;

    public TakeBackup(ActionContext ctx) {
        this.ctx = ctx;
    }

    public List<Backup> run(Options options) {
        ReleaseRef ref = options.release();
        ClusterTarget.announce(ctx, ref.namespace());
        try (ReleaseLocks.Lock lock = ctx.locks().acquire(ref.namespace(), ref.name(), "backup")) {
            ReleaseChange change = new ReleaseChange(ctx, 0);
            History history = change.history(ref);
            Release deployed = history.deployed().orElseThrow(() -> history.revisions().isEmpty()
                    ? ReleaseLookup.notFound(ctx, ref)
                    : MotosException.invalid("release " + ref.name() + " has no deployed revision in namespace "
                            + ref.namespace() + " to back up", "See `motospkg history " + ref.name() + " -n "
                            + ref.namespace() + "`."));
            List<DesiredObject> objects = new Deployer(ctx).desired(deployed);
            List<Step> steps = Steps.split(objects).steps().stream().filter(Step::backup).toList();
            if (steps.isEmpty()) {
                throw MotosException.invalid("revision " + deployed.revision() + " of release " + ref.name()
                        + " declares no backup step (motospkg.dev/step-records: backup), so there is nothing to run",
                        "The motos chart renders them when backup.enabled is true: `motospkg upgrade --set"
                                + " backup.enabled=true`.");
            }
            ctx.out().println("Backing up release " + ref.name() + " (revision " + deployed.revision()
                    + ") in namespace " + ref.namespace() + ":");
            List<String> recorded = history.revisions().stream().flatMap(r -> r.backupList().stream())
                    .map(Backup::name).toList();
            StepRunner runner = new StepRunner(ctx);
            List<Backup> taken = new ArrayList<>();
            Release record = deployed;
            for (Step step : steps) {
                Deployer.awaitBefore(ctx, step, objects, options.timeout());
                Backup b = runner.run(step, null, options.timeout(), List.of(), deployed.revision(),
                        Map.of(Deployer.KEEP_ENV, String.join(" ", recorded))).backup().orElseThrow()
                        .onDemandAt(deployed.revision());
                // recorded at once: a later step that fails must not lose it
                record = record.withBackup(b);
                ctx.store().update(record);
                taken.add(b);
            }
            ctx.out().flush();
            return taken;
        }
    }
}
