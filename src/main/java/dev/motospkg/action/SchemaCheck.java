package dev.motospkg.action;

import dev.motospkg.apply.Step;
import dev.motospkg.apply.StepPhase;
import dev.motospkg.apply.StepRecords;
import dev.motospkg.apply.StepWhen;
import dev.motospkg.error.MotosException;
import dev.motospkg.release.Backup;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Before a rollback changes anything (no object, no release record): is the database ahead of the
 * code of the revision it goes back to? The chart's schema step runs that revision's image against
 * the database as it is and reports the migrations applied that the image does not know. When there
 * are some, old pods would run on a schema they were not written for (a dropped column, a renamed
 * table): the rollback is refused unless the user chose {@code --restore-data} (put back the backups
 * taken before the revision that moved it forward) or {@code --keep-data} (the objects only).
 */
final class SchemaCheck {
    private final ActionContext ctx;

    SchemaCheck(ActionContext ctx) {
        this.ctx = ctx;
    }

    /** The backups the rollback restores (empty: it restores nothing); throws when it must not go on. */
    List<Backup> check(ChangeRequest request, ReleaseChange.Prepared prepared, WaitOptions wait) {
        DataOptions.OnRollback choice = request.data().onRollback();
        Plan plan = prepared.plan();
        int target = prepared.next().rollsBackTo();
        String name = request.release().name();
        String namespace = request.release().namespace();
        Optional<Step> schema = plan.steps(StepPhase.PRE_ROLLBACK).stream()
                .filter(s -> s.records() == StepRecords.SCHEMA).findFirst();
        boolean canRestore = plan.steps(StepPhase.PRE_ROLLBACK).stream().anyMatch(s -> s.when() == StepWhen.RESTORE);
        List<Backup> backups = backupsToRestore(prepared.history(), target);
        if (choice == DataOptions.OnRollback.RESTORE) {
            if (!canRestore) {
                throw MotosException.invalid("rollback --restore-data: revision " + target + "'s chart declares no"
                        + " restore step (" + dev.motospkg.apply.Steps.WHEN + ": restore), so motospkg cannot put"
                        + " data back", "Roll back without --restore-data, or restore a dump yourself first.");
            }
            if (backups.isEmpty()) {
                throw MotosException.failed("rollback --restore-data refused before changing anything: no backup was"
                        + " taken before any revision after " + target + " nor on demand at it (backups were off:"
                        + " backup.enabled false or --no-backup), so there is nothing to restore", "See `motospkg backups " + name + " -n "
                        + namespace + "`. Restore a dump yourself, or roll back with --keep-data if revision " + target
                        + "'s code works with the database as it is.");
            }
        }
        if (schema.isEmpty()) {
            return choice == DataOptions.OnRollback.RESTORE ? backups : List.of();
        }
        Step step = schema.get();
        if (prepared.current() == null) {
            if (choice == DataOptions.OnRollback.RESTORE) {
                throw MotosException.failed("rollback --restore-data: the release was uninstalled, so its database"
                        + " is not running and cannot be restored into", "Roll back without --restore-data first,"
                        + " then run `motospkg rollback " + name + " " + target + " --restore-data`.");
            }
            ctx.out().println("  step " + step.name() + " skipped: the release was uninstalled, so its database is"
                    + " not running to be checked");
            return List.of();
        }
        if (choice == DataOptions.OnRollback.KEEP) {
            ctx.out().println("  step " + step.name() + " skipped: --keep-data (the database stays as it is)");
            return List.of();
        }
        ctx.out().println("Checking the database before rolling back to revision " + target + ":");
        Deployer.awaitBefore(ctx, step, prepared.previous(), wait.timeout());
        List<String> ahead = new StepRunner(ctx).run(step, StepPhase.PRE_ROLLBACK, wait.timeout(), List.of(),
                prepared.history().nextRevision(), Map.of()).schemaAhead().orElse(List.of());
        String code = "revision " + target + "'s code (" + String.join(", ",
                Risk.images(step.job().body()).stream().distinct().toList()) + ")";
        if (ahead.isEmpty()) {
            ctx.out().println("  schema: the database has no migration that " + code + " does not know");
        } else {
            ctx.out().println("  schema: the database is ahead of " + code + ": " + String.join(", ", ahead));
        }
        if (choice == DataOptions.OnRollback.RESTORE || ahead.isEmpty()) {
            return choice == DataOptions.OnRollback.RESTORE ? backups : List.of();
        }
        String restore = backups.isEmpty()
                ? "No backup was taken before any revision after " + target + " (backups were off), so motospkg"
                        + " cannot restore the data: restore a dump yourself, or upgrade to an image that knows"
                        + " these migrations."
                : "`motospkg rollback " + name + " " + target + " --restore-data` puts back the backups "
                        + backups.get(0).when() + " (" + String.join(", ",
                        backups.stream().map(Backup::name).toList()) + "), replacing what was written since,"
                        + " then rolls back.";
        throw MotosException.failed("rollback refused before changing anything: the database is ahead of " + code
                + ": it has " + (ahead.size() == 1 ? "migration " : "migrations ") + String.join(", ", ahead)
                + " applied, which that code does not know, so its pods would run on a schema they were not"
                + " written for", restore + " `--keep-data` rolls back the objects only and leaves the database"
                + " ahead (safe only if that code works with these migrations, e.g. they only add tables).");
    }

    /**
     * Backups of the data as the target's code left it: those taken before the first revision after
     * {@code target} that has any (the moment it was left), else the newest taken on demand while
     * the target was deployed.
     */
    static List<Backup> backupsToRestore(History history, int target) {
        List<Backup> all = history.revisions().stream().flatMap(r -> r.backupList().stream()).toList();
        java.util.OptionalInt before = all.stream().filter(b -> !b.onDemand() && b.revision() > target)
                .mapToInt(Backup::revision).min();
        if (before.isPresent()) {
            return all.stream().filter(b -> !b.onDemand() && b.revision() == before.getAsInt()).toList();
        }
        // on demand: the newest file of each step
        java.util.Map<String, Backup> newest = new java.util.LinkedHashMap<>();
        all.stream().filter(b -> b.onDemand() && b.revision() == target).forEach(b -> newest.put(b.step(), b));
        return List.copyOf(newest.values());
    }
}
