package dev.motospkg.action;

import dev.motospkg.apply.ApplyPlan;
import dev.motospkg.apply.DesiredObject;
import dev.motospkg.diff.Change;
import dev.motospkg.diff.ChangeKind;
import dev.motospkg.kube.ObjectKey;
import dev.motospkg.release.Release;
import dev.motospkg.render.ReleaseContext;
import java.util.List;

/**
 * Step 5 of every change: apply what the plan says changed, in order; delete what the new revision
 * no longer has (never data); wait if asked. Reports through the context's writer.
 */
final class Deployer {
    private final ActionContext ctx;

    Deployer(ActionContext ctx) {
        this.ctx = ctx;
    }

    /** The objects a stored revision would apply. */
    List<DesiredObject> desired(Release release) {
        ReleaseContext context = new ReleaseContext(release.name(), release.namespace(), release.revision(),
                false, true);
        return ApplyPlan.desired(ctx.parser().parseManifest(release.manifest()), context, ctx.cluster());
    }

    /** Applies only created and changed objects; unchanged ones get no request at all. */
    void deploy(Plan plan, List<DesiredObject> next, WaitOptions wait) {
        int unchanged = 0;
        for (Change c : plan.changes()) {
            switch (c.kind()) {
                case CREATE, UPDATE -> {
                    ctx.cluster().apply(plan.desiredById().get(c.key().toString()).body(), false);
                    ctx.out().println("  " + (c.kind() == ChangeKind.CREATE ? "created  "
                            : adopted(c) ? "using    " : "changed  ") + c.key() + (adopted(c)
                            ? " (it existed; now labelled for this release)" : ""));
                }
                case DELETE -> {
                    ctx.cluster().delete(c.key());
                    ctx.out().println("  deleted  " + c.key());
                }
                case KEEP -> ctx.out().println("  kept     " + c.key()
                        + " (no longer in the chart; data is never deleted implicitly)");
                case UNCHANGED -> unchanged++;
            }
        }
        if (unchanged > 0) {
            ctx.out().println("  " + unchanged + " unchanged");
        }
        if (wait.waits()) {
            await(next, wait);
        }
        ctx.out().flush();
    }

    /** An existing Namespace this release starts to use: labelling it is not changing it. */
    private static boolean adopted(Change c) {
        return c.kind() == ChangeKind.UPDATE && c.key().kind().equals("Namespace") && c.before() != null
                && dev.motospkg.yaml.Trees.at(c.before(), List.of("metadata", "annotations",
                        dev.motospkg.apply.ReleaseMarks.RELEASE_NAME)) == null;
    }

    private void await(List<DesiredObject> objects, WaitOptions wait) {
        List<ObjectKey> keys = objects.stream().map(DesiredObject::key).toList();
        ctx.out().println("Waiting up to " + Durations.format(wait.timeout()) + " for " + keys.size()
                + " objects to be ready...");
        ctx.out().flush();
        ctx.waiter().await(keys, wait.timeout());
    }
}
