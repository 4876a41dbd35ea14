package dev.motospkg.action;

import dev.motospkg.apply.ApplyPlan;
import dev.motospkg.apply.DesiredObject;
import dev.motospkg.error.MotosException;
import dev.motospkg.kube.ObjectKey;
import dev.motospkg.release.Release;
import dev.motospkg.render.ReleaseContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 5 of every change: apply the desired objects in order, delete what the new revision no
 * longer has (never data), and wait if asked. Reports what it did through the context's writer.
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

    void deploy(List<DesiredObject> previous, List<DesiredObject> next, WaitOptions wait) {
        for (DesiredObject d : next) {
            ctx.cluster().apply(d.body(), false);
            ctx.out().println("  applied  " + d.key());
        }
        List<String> kept = new ArrayList<>();
        for (DesiredObject gone : ApplyPlan.removed(previous, next)) {
            if (ApplyPlan.isKept(gone)) {
                kept.add(gone.key().toString());
                continue;
            }
            ctx.cluster().delete(gone.key());
            ctx.out().println("  deleted  " + gone.key());
        }
        if (!kept.isEmpty()) {
            ctx.out().println("  kept     " + String.join(", ", kept)
                    + " (no longer in the chart; data is never deleted implicitly)");
        }
        if (wait.waits()) {
            await(next, wait);
        }
        ctx.out().flush();
    }

    private void await(List<DesiredObject> objects, WaitOptions wait) {
        List<ObjectKey> keys = objects.stream().map(DesiredObject::key).toList();
        ctx.out().println("Waiting up to " + Durations.format(wait.timeout()) + " for " + keys.size()
                + " objects to be ready...");
        ctx.out().flush();
        ReadinessWait.Outcome outcome = ctx.waiter().await(keys, wait.timeout());
        if (!outcome.ready()) {
            throw MotosException.failed("timed out after " + Durations.format(wait.timeout())
                    + " waiting for:\n  " + String.join("\n  ", outcome.notReady()),
                    "Look at `motospkg status` and `kubectl describe` for the objects above; raise --timeout if they are just slow.");
        }
    }
}
