package dev.motospkg.action;

import dev.motospkg.apply.ApplyPlan;
import dev.motospkg.apply.DesiredObject;
import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import dev.motospkg.storage.HistoryPruner;
import dev.motospkg.storage.ReleaseLocks;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The shared path of install, upgrade and rollback: lock, read history (recovering from an
 * interrupted operation), record a pending revision, deploy, then record the outcome. With atomic,
 * a failure puts the last deployed revision back.
 */
final class ReleaseChange {
    private final ActionContext ctx;
    private final Deployer deployer;
    private final int historyMax;

    ReleaseChange(ActionContext ctx, int historyMax) {
        this.ctx = ctx;
        this.deployer = new Deployer(ctx);
        this.historyMax = historyMax;
    }

    /**
     * @param target builds the new revision from the history and the currently deployed revision (null
     *     for an install); it runs under the lock, after recovery
     */
    Release run(ChangeKind kind, String namespace, String name, WaitOptions wait,
            BiFunction<History, Release, ChangeTarget> target) {
        try (ReleaseLocks.Lock lock = ctx.locks().acquire(namespace, name, kind.verb)) {
            History history = recover(new History(namespace, name, ctx.store().history(namespace, name)), lock);
            Release current = history.deployed().orElse(null);
            if (kind == ChangeKind.INSTALL && current != null) {
                throw MotosException.invalid("release " + name + " is already installed in namespace " + namespace
                        + " (revision " + current.revision() + ")", "Use `motospkg upgrade` to change it.");
            }
            if (kind != ChangeKind.INSTALL && current == null) {
                throw MotosException.invalid("release " + name + " has no deployed revision in namespace " + namespace,
                        "Install it first: `motospkg install`" + (kind == ChangeKind.UPGRADE ? " (or upgrade --install)." : "."));
            }
            ChangeTarget next = target.apply(history, current);
            Instant now = ctx.clock().instant();
            Instant first = current != null ? current.firstDeployed() : now;
            Release pending = new Release(name, namespace, history.nextRevision(), kind.pending, next.chart(),
                    next.userValues(), next.manifest(), first, now, next.description());
            ctx.store().create(pending);
            List<DesiredObject> previous = current == null ? List.of() : deployer.desired(current);
            ctx.out().println(capitalized(kind.verb) + " " + pending.label() + " in namespace " + namespace + ":");
            try {
                deployer.deploy(previous, next.objects(), wait);
            } catch (MotosException e) {
                Release failed = pending.withStatus(ReleaseStatus.FAILED,
                        kind.verb + " failed: " + firstLine(e.getMessage()), ctx.clock().instant());
                ctx.store().update(failed);
                if (wait.atomic()) {
                    throw atomicRecovery(kind, failed, current, previous, next.objects(), e);
                }
                throw e;
            }
            Release deployed = pending.withStatus(ReleaseStatus.DEPLOYED, next.description(), ctx.clock().instant());
            ctx.store().update(deployed);
            if (current != null) {
                ctx.store().update(current.withStatus(ReleaseStatus.SUPERSEDED, current.description(),
                        ctx.clock().instant()));
            }
            HistoryPruner.prune(ctx.store(), namespace, name, historyMax);
            return deployed;
        }
    }

    /**
     * A pending revision under a lock we now hold was left by an operation that died (killed,
     * crashed, lost its connection): it is marked failed so the release can move on.
     */
    private History recover(History history, ReleaseLocks.Lock lock) {
        Release latest = history.latest().orElse(null);
        if (latest == null || !latest.status().isPending()) {
            return history;
        }
        String who = lock.takenOverFrom() != null ? " by " + lock.takenOverFrom() : "";
        Release failed = latest.withStatus(ReleaseStatus.FAILED, "interrupted: " + latest.status().wire() + who
                + " stopped before finishing", ctx.clock().instant());
        ctx.store().update(failed);
        ctx.out().println("Note: revision " + latest.revision() + " was left " + latest.status().wire() + who
                + "; marked failed and continuing.");
        return new History(history.namespace(), history.name(), ctx.store().history(history.namespace(), history.name()));
    }

    private MotosException atomicRecovery(ChangeKind kind, Release failed, Release current,
            List<DesiredObject> previous, List<DesiredObject> attempted, MotosException cause) {
        ctx.out().println("Atomic: " + kind.verb + " failed; restoring "
                + (current == null ? "the state before the install" : "revision " + current.revision()) + "...");
        if (current == null) {
            List<DesiredObject> created = ApplyPlan.removed(attempted, List.of());
            for (DesiredObject d : created) {
                if (!ApplyPlan.isKept(d)) {
                    ctx.cluster().delete(d.key());
                    ctx.out().println("  deleted  " + d.key());
                }
            }
            return new MotosException(ExitCode.FAILED, cause.getMessage() + "\n(atomic: removed what the install "
                    + "created; PVCs and the namespace were kept)", cause.hint(), cause);
        }
        deployer.deploy(attempted, previous, WaitOptions.none());
        Instant now = ctx.clock().instant();
        Release restored = new Release(current.name(), current.namespace(), failed.revision() + 1,
                ReleaseStatus.DEPLOYED, current.chart(), current.values(), current.manifest(), current.firstDeployed(),
                now, "Rollback to " + current.revision() + " (atomic: " + kind.verb + " to " + failed.revision()
                        + " failed)");
        ctx.store().create(restored);
        ctx.store().update(current.withStatus(ReleaseStatus.SUPERSEDED, current.description(), now));
        return new MotosException(ExitCode.FAILED, cause.getMessage() + "\n(atomic: revision " + current.revision()
                + " is live again as revision " + restored.revision() + ")", cause.hint(), cause);
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
