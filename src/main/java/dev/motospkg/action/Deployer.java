package dev.motospkg.action;

import dev.motospkg.apply.ApplyPlan;
import dev.motospkg.apply.ClientSideOwnership;
import dev.motospkg.apply.DesiredObject;
import dev.motospkg.apply.Step;
import dev.motospkg.apply.StepPhase;
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
            Consumer<Backup> backups) {
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
        for (Step step : pre) {
            if (step.when() == StepWhen.RISKY && risks.isEmpty()) {
                ctx.out().println("  step " + step.name() + " skipped: it runs only before a risky change, and this "
                        + verb + " changes no PVC and no image of a workload that mounts one");
                continue;
            }
            if (step.when() == StepWhen.RISKY) {
                ctx.out().println("  risky: " + String.join("; ", risks));
            }
            List<Change> needed = rest.stream().filter(c -> c.kind() != ChangeKind.DELETE
                    && c.kind() != ChangeKind.RETAIN && step.after().contains(ref(c.key()))).toList();
            unchanged += apply(plan, needed);
            rest.removeAll(needed);
            // waits-for objects are waited as they run now: a backup needs the database that serves today
            List<DesiredObject> before = next.stream().filter(d -> step.after().contains(ref(d.key()))
                    || step.waitsFor().contains(ref(d.key()))).toList();
            if (!before.isEmpty()) {
                await(before, wait.timeout(), " before step " + step.name());
            }
            steps.run(step, prePhase, wait.timeout(),
                    rest.stream().filter(c -> c.kind().writes()).map(c -> ref(c.key())).toList(), revision)
                    .ifPresent(backups);
        }
        unchanged += apply(plan, rest);
        if (unchanged > 0) {
            ctx.out().println("  " + unchanged + " unchanged");
        }
        if (wait.waits() || !post.isEmpty()) {
            // post-steps run against the new revision: it must be up first
            await(next, wait.timeout(), post.isEmpty() ? "" : " before post-steps");
        }
        for (Step step : post) {
            steps.run(step, postPhase, wait.timeout(), List.of(), revision).ifPresent(backups);
        }
        ctx.out().flush();
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

    private void await(List<DesiredObject> objects, Duration timeout, String why) {
        List<ObjectKey> keys = objects.stream().map(DesiredObject::key).toList();
        ctx.out().println("Waiting up to " + Durations.format(timeout) + " for " + keys.size()
                + (keys.size() == 1 ? " object" : " objects") + " to be ready" + why + "...");
        ctx.out().flush();
        ctx.waiter().await(keys, timeout);
    }
}
