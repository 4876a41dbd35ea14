package dev.motospkg.action;

import dev.motospkg.apply.ApplyPlan;
import dev.motospkg.apply.DesiredObject;
import dev.motospkg.error.MotosException;
import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import dev.motospkg.storage.ReleaseLocks;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code motospkg uninstall}: deletes the release's objects but keeps its PersistentVolumeClaims and
 * Namespace, so a later install finds the data again. {@code deleteData} removes the PVCs too,
 * after naming them; the Namespace stays even then (it may hold other releases, Secrets made by
 * hand, and this release's kept history), and the line to delete it is printed.
 */
public final class Uninstall {

    public record Options(ReleaseRef release, boolean keepHistory, boolean deleteData) {
    }

    private final ActionContext ctx;

    public Uninstall(ActionContext ctx) {
        this.ctx = ctx;
    }

    public void run(Options options) {
        ReleaseRef ref = options.release();
        ClusterTarget.announce(ctx, ref.namespace());
        // Looked up before locking: the lock would create a namespace that does not exist.
        if (installed(new History(ref.namespace(), ref.name(), ctx.store().history(ref.namespace(), ref.name())))
                .isEmpty()) {
            throw notInstalled(ref);
        }
        try (ReleaseLocks.Lock lock = ctx.locks().acquire(ref.namespace(), ref.name(), "uninstall")) {
            History history = ReleaseChange.supersedeStale(ctx,
                    new History(ref.namespace(), ref.name(), ctx.store().history(ref.namespace(), ref.name())));
            Release latest = installed(history).orElseThrow(() -> notInstalled(ref));
            ClusterTarget.warnIfElsewhere(ctx, history.revisions(), ClusterTarget.current(ctx));
            Release uninstalling = latest.withStatus(ReleaseStatus.UNINSTALLING, "Deletion in progress",
                    ctx.clock().instant());
            ctx.store().update(uninstalling);
            List<DesiredObject> objects = new Deployer(ctx).desired(latest);
            objects.sort(ApplyPlan.applyOrder().reversed());
            List<DesiredObject> pvcs = objects.stream().filter(d -> d.kind().equals("PersistentVolumeClaim")).toList();
            if (options.deleteData() && !pvcs.isEmpty()) {
                ctx.out().println("Deleting data as asked (--delete-data): "
                        + String.join(", ", pvcs.stream().map(d -> d.key().toString()).toList()));
            }
            List<String> kept = new ArrayList<>();
            for (DesiredObject d : objects) {
                boolean deletable = !ApplyPlan.isKept(d) || (options.deleteData() && d.kind().equals("PersistentVolumeClaim"));
                if (!deletable) {
                    kept.add(d.key().toString());
                    continue;
                }
                boolean existed = ctx.cluster().delete(d.key());
                ctx.out().println("  deleted  " + d.key() + (existed ? "" : " (was already gone)"));
            }
            if (options.keepHistory()) {
                ctx.store().update(uninstalling.withStatus(ReleaseStatus.UNINSTALLED, "Uninstallation complete",
                        ctx.clock().instant()));
            } else {
                history.revisions().forEach(r -> ctx.store().delete(ref.namespace(), ref.name(), r.revision()));
            }
            ctx.out().println("Release " + ref.name() + " uninstalled from namespace " + ref.namespace() + ".");
            if (!kept.isEmpty()) {
                ctx.out().println("Kept: " + String.join(", ", kept));
                ctx.out().println("  Installing " + ref.name() + " again reuses what was kept.");
                if (!options.deleteData() && !pvcs.isEmpty()) {
                    ctx.out().println("  To delete the data too: kubectl delete pvc -n " + ref.namespace() + " "
                            + String.join(" ", pvcs.stream().map(d -> d.key().name()).toList()));
                }
                objects.stream().filter(d -> d.kind().equals("Namespace")).findFirst().ifPresent(d ->
                        ctx.out().println("  motospkg never deletes a namespace; to delete it with everything in it"
                                + (options.keepHistory() ? " (the kept history too)" : "") + ": kubectl delete namespace "
                                + d.key().name()));
            }
            ctx.out().flush();
        }
    }

    private static java.util.Optional<Release> installed(History history) {
        return history.latest().filter(r -> r.status() != ReleaseStatus.UNINSTALLED);
    }

    private static MotosException notInstalled(ReleaseRef ref) {
        return MotosException.invalid("release " + ref.name() + " is not installed in namespace " + ref.namespace(),
                "See `motospkg list -A` for the releases there are.");
    }
}
