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

    /** @param dryRun say what would be deleted and kept; change nothing (no lock, no record, no object) */
    public record Options(ReleaseRef release, boolean keepHistory, boolean deleteData, boolean dryRun) {
    }

    private final ActionContext ctx;

    public Uninstall(ActionContext ctx) {
        this.ctx = ctx;
    }

    public void run(Options options) {
        ReleaseRef ref = options.release();
        ClusterTarget.announce(ctx, ref.namespace());
        // Looked up before locking: the lock would create a namespace that does not exist.
        History found = new History(ref.namespace(), ref.name(), ctx.store().history(ref.namespace(), ref.name()));
        if (installed(found).isEmpty()) {
            throw notInstalled(ref);
        }
        if (options.dryRun()) {
            preview(options, found);
            return;
        }
        try (ReleaseLocks.Lock lock = ctx.locks().acquire(ref.namespace(), ref.name(), "uninstall")) {
            History history = new History(ref.namespace(), ref.name(), ctx.store().history(ref.namespace(), ref.name()));
            Release latest = installed(history).orElseThrow(() -> notInstalled(ref));
            ClusterTarget.warnIfElsewhere(ctx, history.revisions(), ClusterTarget.current(ctx));
            Release uninstalling = latest.withStatus(ReleaseStatus.UNINSTALLING, "Deletion in progress",
                    ctx.clock().instant());
            ctx.store().update(uninstalling);
            Objects objects = objects(latest, options);
            if (options.deleteData() && !objects.pvcs().isEmpty()) {
                ctx.out().println("Deleting data as asked (--delete-data): "
                        + String.join(", ", objects.pvcs().stream().map(d -> d.key().toString()).toList()));
            }
            for (DesiredObject d : objects.deleted()) {
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
            printKept(options, objects, "Kept: ");
            ctx.out().flush();
        }
    }

    /** What {@link #run} would do, from the same decisions, reading only: the live state says what is gone already. */
    private void preview(Options options, History history) {
        ReleaseRef ref = options.release();
        Release latest = installed(history).orElseThrow(() -> notInstalled(ref));
        Objects objects = objects(latest, options);
        ctx.out().println("Dry run: nothing was changed. Uninstalling release " + ref.name() + " from namespace "
                + ref.namespace() + " would:");
        for (DesiredObject d : objects.deleted()) {
            boolean exists = ctx.cluster().get(d.key()).isPresent();
            ctx.out().println("  delete   " + d.key() + (exists ? "" : " (already gone)")
                    + (d.kind().equals("PersistentVolumeClaim") ? " (its data is lost: --delete-data)" : ""));
        }
        int revisions = history.revisions().size();
        ctx.out().println(options.keepHistory()
                ? "  keep the history (" + revisions + (revisions == 1 ? " revision" : " revisions")
                        + "), revision " + latest.revision() + " marked uninstalled"
                : "  delete the history (" + revisions + (revisions == 1 ? " revision" : " revisions") + ")");
        printKept(options, objects, "Would keep: ");
        ctx.out().flush();
    }

    /** The latest revision's objects in deletion order, split into deleted and kept. */
    private record Objects(List<DesiredObject> deleted, List<DesiredObject> kept, List<DesiredObject> pvcs) {
    }

    private Objects objects(Release latest, Options options) {
        List<DesiredObject> all = new Deployer(ctx).desired(latest);
        all.sort(ApplyPlan.applyOrder().reversed());
        List<DesiredObject> deleted = new ArrayList<>();
        List<DesiredObject> kept = new ArrayList<>();
        for (DesiredObject d : all) {
            boolean deletable = !ApplyPlan.isKept(d) || (options.deleteData() && d.kind().equals("PersistentVolumeClaim"));
            (deletable ? deleted : kept).add(d);
        }
        return new Objects(deleted, kept,
                all.stream().filter(d -> d.kind().equals("PersistentVolumeClaim")).toList());
    }

    private void printKept(Options options, Objects objects, String heading) {
        ReleaseRef ref = options.release();
        if (objects.kept().isEmpty()) {
            return;
        }
        ctx.out().println(heading + String.join(", ", objects.kept().stream().map(d -> d.key().toString()).toList()));
        ctx.out().println("  Installing " + ref.name() + " again reuses what was kept.");
        if (!options.deleteData() && !objects.pvcs().isEmpty()) {
            ctx.out().println("  To delete the data too: kubectl delete pvc -n " + ref.namespace() + " "
                    + String.join(" ", objects.pvcs().stream().map(d -> d.key().name()).toList()));
        }
        objects.kept().stream().filter(d -> d.kind().equals("Namespace")).findFirst().ifPresent(d ->
                ctx.out().println("  motospkg never deletes a namespace; to delete it with everything in it"
                        + (options.keepHistory() ? " (the kept history too)" : "") + ": kubectl delete namespace "
                        + d.key().name()));
    }

    private static java.util.Optional<Release> installed(History history) {
        return history.latest().filter(r -> r.status() != ReleaseStatus.UNINSTALLED);
    }

    private static MotosException notInstalled(ReleaseRef ref) {
        return MotosException.invalid("release " + ref.name() + " is not installed in namespace " + ref.namespace(),
                "See `motospkg list -A` for the releases there are.");
    }
}
