package dev.motospkg.action;

import dev.motospkg.apply.ApplyPlan;
import dev.motospkg.apply.ClientSideOwnership;
import dev.motospkg.apply.DesiredObject;
import dev.motospkg.apply.Step;
import dev.motospkg.apply.StepPhase;
import dev.motospkg.apply.StepRecords;
import dev.motospkg.apply.StepWhen;
import dev.motospkg.diff.Change;
import dev.motospkg.diff.ChangeKind;
import dev.motospkg.error.MotosException;
import dev.motospkg.kube.ObjectKey;
import dev.motospkg.release.Backup;
import dev.motospkg.release.Release;
import dev.motospkg.render.ReleaseContext;
import dev.motospkg.yaml.Trees;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Step 5 of every change: apply what the plan says changed, in order; delete what the new revision
 * no longer has (never data); wait if asked. Reports through the context's writer.
 */
final class Deployer {
    /** How long a replaced object may take to go away (its finalizers) before it is created again. */
    private static final Duration REPLACE_TIMEOUT = Duration.ofMinutes(2);

    private final ActionContext ctx;

    Deployer(ActionContext ctx) {
        this.ctx = ctx;
    }

    /**
     * What the steps are given: whether backup steps may run ({@code --no-backup}: no), and the
     * backups a restore step puts back (empty: restore steps do not run), and the backup files
     * the history will still record after this change (null: the history is not limited).
     */
    record StepInputs(boolean backups, List<Backup> restore, List<String> keepBackups) {

        /** The env a step's containers get: a backup step is told which files the kept history records. */
        Map<String, String> env(Step step) {
            return step.backup() && keepBackups != null ? Map.of(KEEP_ENV, String.join(" ", keepBackups)) : Map.of();
        }
    }

    /**
     * Set on backup steps' containers when the history is limited: the backup files the kept
     * revisions record (space-separated); the step deletes this release's older ones.
     */
    static final String KEEP_ENV = "MOTOSPKG_KEEP_BACKUPS";

    /** The objects a stored revision would apply. */
    List<DesiredObject> desired(Release release) {
        ReleaseContext context = new ReleaseContext(release.name(), release.namespace(), release.revision(),
                false, true);
        return Restarts.stamp(ApplyPlan.desired(ctx.parser().parseManifest(release.manifest()), context, ctx.cluster()),
                release.restartedAt());
    }

    /**
     * Applies only created and changed objects (unchanged ones get no request at all), with the
     * steps of {@code verb} in between: first Namespace, Secrets, ConfigMaps and PVCs; then each
     * pre-step in order, right after the objects its step-after names are applied and waited ready
     * (so a step with none, such as a backup, runs against what runs now); then the rest; then
     * (everything waited ready) the post-steps. A failed step throws: what comes after it is never
     * applied.
     *
     * @param next the new revision's objects (steps excluded)
     */
    void deploy(Plan plan, List<DesiredObject> next, WaitOptions wait, String verb, int revision,
            StepInputs inputs, Consumer<Backup> backups) {
        StepPhase prePhase = StepPhase.of(verb, true);
        StepPhase postPhase = StepPhase.of(verb, false);
        List<Step> pre = plan.steps(prePhase);
        List<Step> post = plan.steps(postPhase);
        List<Change> rest = new ArrayList<>();
        List<Change> first = new ArrayList<>();
        for (Change c : plan.changes()) {
            boolean early = !pre.isEmpty() && c.kind() != ChangeKind.DELETE && c.kind() != ChangeKind.RETAIN
                    && ApplyPlan.goesFirst(c.key().kind());
            (early ? first : rest).add(c);
        }
        int unchanged = apply(plan, first);
        StepRunner steps = new StepRunner(ctx);
        List<String> risks = Risk.reasons(plan);
        List<ObjectKey> stopped = new ArrayList<>();
        boolean toldRisks = false;
        for (Step step : pre) {
            if (step.records() == StepRecords.SCHEMA) {
                continue; // run by the rollback before anything changed (SchemaCheck)
            }
            if (step.when() == StepWhen.RESTORE && inputs.restore().isEmpty()) {
                continue; // only rollback --restore-data runs it
            }
            if (step.backup() && !inputs.backups() && (step.when() != StepWhen.RISKY || !risks.isEmpty())) {
                ctx.out().println("  step " + step.name() + " skipped: --no-backup" + (risks.isEmpty() ? ""
                        : " (this " + verb + " risks data: " + String.join("; ", risks) + ")"));
                continue;
            }
            if (step.when() == StepWhen.RISKY && risks.isEmpty()) {
                ctx.out().println("  step " + step.name() + " skipped: it runs only before a risky change, and this "
                        + verb + " changes no PVC and no image of a workload that mounts one");
                continue;
            }
            if (step.when() == StepWhen.RISKY && !toldRisks) {
                ctx.out().println("  risky: " + String.join("; ", risks));
                toldRisks = true;
            }
            List<Change> needed = rest.stream().filter(c -> c.kind() != ChangeKind.DELETE
                    && c.kind() != ChangeKind.RETAIN && step.after().contains(ref(c.key()))).toList();
            unchanged += apply(plan, needed);
            rest.removeAll(needed);
            // waits-for objects are waited as they run now: a backup needs the database that serves today
            awaitBefore(ctx, step, next, wait.timeout());
            List<String> notApplied = rest.stream().filter(c -> c.kind().writes()).map(c -> ref(c.key())).toList();
            if (step.when() == StepWhen.RESTORE) {
                stopped.addAll(restore(steps, step, prePhase, wait, revision, inputs.restore(), next));
                continue;
            }
            steps.run(step, prePhase, wait.timeout(), notApplied, revision, inputs.env(step)).backup()
                    .ifPresent(backups);
        }
        unchanged += apply(plan, rest);
        unchanged -= restart(plan, stopped, rest);
        if (unchanged > 0) {
            ctx.out().println("  " + unchanged + " unchanged");
        }
        if (wait.waits() || !post.isEmpty()) {
            // post-steps run against the new revision: it must be up first
            await(next, wait.timeout(), post.isEmpty() ? "" : " before post-steps");
        }
        for (Step step : post) {
            steps.run(step, postPhase, wait.timeout(), List.of(), revision, inputs.env(step)).backup()
                    .ifPresent(backups);
        }
        ctx.out().flush();
    }

    /**
     * {@code rollback --restore-data}: stops the workloads that write the data (scaled to 0, their
     * pods gone), then runs the restore step with the backups to put back; returns what it stopped.
     */
    private List<ObjectKey> restore(StepRunner steps, Step step, StepPhase phase, WaitOptions wait, int revision,
            List<Backup> backups, List<DesiredObject> next) {
        List<ObjectKey> stopped = new ArrayList<>();
        for (DesiredObject d : next) {
            ObjectKey key = d.key();
            if (!step.stops().contains(ref(key)) || ctx.cluster().get(key).isEmpty()) {
                continue;
            }
            ctx.out().println("  stopping " + key + " (scaled to 0) so that nothing writes while the data is restored");
            ctx.out().flush();
            ctx.cluster().scaleToZeroAndWait(key, wait.timeout());
            stopped.add(key);
        }
        String files = String.join(" ", backups.stream().map(b -> b.name() + ":" + b.sha256()).toList());
        ctx.out().println("  restoring the backups " + backups.get(0).when() + ": "
                + String.join(", ", backups.stream().map(b -> b.name() + " (" + b.step() + ", " + b.size()
                        + " bytes)").toList()));
        steps.run(step, phase, wait.timeout(), List.of(), revision, Map.of(RESTORE_ENV, files));
        return stopped;
    }

    /** Set on a restore step's containers: "name:sha256 name:sha256", the files to put back, checked. */
    static final String RESTORE_ENV = "MOTOSPKG_BACKUPS";

    /**
     * Brings back the workloads a restore stopped that the plan did not apply (unchanged ones): their
     * desired object applied again sets their replicas back. Returns how many it applied.
     */
    private int restart(Plan plan, List<ObjectKey> stopped, List<Change> applied) {
        int count = 0;
        for (ObjectKey key : stopped) {
            boolean done = applied.stream().anyMatch(c -> c.key().equals(key) && c.kind().writes()
                    && c.kind() != ChangeKind.DELETE);
            DesiredObject desired = plan.desiredById().get(key.toString());
            if (done || desired == null) {
                continue;
            }
            ctx.cluster().apply(desired.body(), false);
            ctx.out().println("  started  " + key + " again (it was stopped for the restore)");
            count++;
        }
        return count;
    }

    /**
     * The Jobs of steps the deployed revision declared and the new one does not (a step removed from
     * the chart, or turned off by a value): deleted, so no finished Job of a step that no longer
     * exists is left. Their work (a backup file, a migration) stays.
     */
    void removeDroppedSteps(Release current, List<DesiredObject> next) {
        if (current == null) {
            return;
        }
        java.util.Set<ObjectKey> kept = new java.util.HashSet<>();
        dev.motospkg.apply.Steps.split(next).steps().forEach(s -> kept.add(s.key()));
        for (Step s : dev.motospkg.apply.Steps.split(desired(current)).steps()) {
            if (!kept.contains(s.key()) && ctx.cluster().delete(s.key())) {
                ctx.out().println("  deleted  " + s.key() + " (Job of a step the chart no longer declares)");
            }
        }
    }

    /** "Deployment/postgres": how step-after names objects. */
    private static String ref(ObjectKey key) {
        return key.kind() + "/" + key.name();
    }

    /** Applies the changes in order; returns how many were unchanged. */
    private int apply(Plan plan, List<Change> changes) {
        int unchanged = 0;
        for (Change c : changes) {
            switch (c.kind()) {
                case CREATE, UPDATE -> {
                    if (plan.takesOver(c.key())) {
                        takeOver(c.key());
                    }
                    Map<String, Object> removal = plan.removals().get(c.key().toString());
                    if (removal != null) {
                        ctx.cluster().strategicMergePatch(c.key(), removal, false);
                    }
                    ctx.cluster().apply(plan.desiredById().get(c.key().toString()).body(), false);
                    ctx.out().println("  " + (c.kind() == ChangeKind.CREATE ? "created  "
                            : adopted(c) ? "using    " : "changed  ") + c.key() + (adopted(c)
                            ? " (it existed; now labelled for this release)"
                            : plan.takesOver(c.key()) ? " (taken over from kubectl apply)" : ""));
                }
                case REPLACE -> {
                    boolean pods = !c.key().kind().equals("Service");
                    ctx.out().println("  replacing " + c.key() + ": deleting it and creating it again"
                            + (pods ? "; its pods restart" : "; its cluster IP may change"));
                    ctx.out().flush();
                    ctx.cluster().deleteAndWait(c.key(), REPLACE_TIMEOUT);
                    ctx.cluster().apply(plan.desiredById().get(c.key().toString()).body(), false);
                    ctx.out().println("  replaced " + c.key());
                }
                case DELETE -> {
                    ctx.cluster().delete(c.key());
                    ctx.out().println("  deleted  " + c.key());
                }
                case RETAIN -> ctx.out().println("  kept     " + c.key()
                        + " (no longer in the chart; data is never deleted implicitly)");
                case UNCHANGED -> unchanged++;
            }
        }
        return unchanged;
    }

    /** An existing Namespace this release starts to use: labelling it is not changing it. */
    private static boolean adopted(Change c) {
        return c.kind() == ChangeKind.UPDATE && c.key().kind().equals("Namespace") && c.before() != null
                && dev.motospkg.yaml.Trees.at(c.before(), List.of("metadata", "annotations",
                        dev.motospkg.apply.ReleaseMarks.RELEASE_NAME)) == null;
    }

    /**
     * csaupgrade: kubectl's field ownership becomes motospkg's, on the object as it is now (a change
     * since then fails with a conflict), so the apply that follows removes what the chart does not set.
     */
    private void takeOver(ObjectKey key) {
        Map<String, Object> live = ctx.cluster().get(key).orElseThrow(() -> MotosException.failed(
                key + " disappeared while it was being adopted", "Run the command again: it will be created."));
        List<Map<String, Object>> fields = Trees.mapList(Trees.at(live, List.of("metadata", "managedFields")));
        ctx.cluster().writeManagedFields(key, ClientSideOwnership.takenOver(fields, dev.motospkg.kube.Cluster.FIELD_MANAGER),
                String.valueOf(Trees.at(live, List.of("metadata", "resourceVersion"))));
    }

    /** Waits until the objects a pre-step names (step-after, waits-for) among {@code objects} are ready. */
    static void awaitBefore(ActionContext ctx, Step step, List<DesiredObject> objects, Duration timeout) {
        List<DesiredObject> before = objects.stream().filter(d -> step.after().contains(ref(d.key()))
                || step.waitsFor().contains(ref(d.key()))).toList();
        if (!before.isEmpty()) {
            await(ctx, before, timeout, " before step " + step.name());
        }
    }

    private void await(List<DesiredObject> objects, Duration timeout, String why) {
        await(ctx, objects, timeout, why);
    }

    private static void await(ActionContext ctx, List<DesiredObject> objects, Duration timeout, String why) {
        List<ObjectKey> keys = objects.stream().map(DesiredObject::key).toList();
        ctx.out().println("Waiting up to " + Durations.format(timeout) + " for " + keys.size()
                + (keys.size() == 1 ? " object" : " objects") + " to be ready" + why + "...");
        ctx.out().flush();
        ctx.waiter().await(keys, timeout);
    }
}
