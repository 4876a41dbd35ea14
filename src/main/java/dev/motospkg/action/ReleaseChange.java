package dev.motospkg.action;

import dev.motospkg.apply.ApplyPlan;
import dev.motospkg.apply.DesiredObject;
import dev.motospkg.apply.Steps;
import dev.motospkg.diff.FieldChange;
import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import dev.motospkg.release.AppliedTo;
import dev.motospkg.release.Backup;
import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import dev.motospkg.storage.HistoryPruner;
import dev.motospkg.storage.ReleaseLocks;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The shared path of install, upgrade and rollback: lock, read history (recovering from an
 * interrupted operation), plan and preflight, record a pending revision, apply what changed, then
 * record the outcome. With atomic, a failed upgrade or rollback is followed by a rollback to the
 * deployed revision through this same path, and a failed install deletes what it created.
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

    /** What a request would do, with the history it was planned against; writes nothing. */
    record Prepared(History history, Release current, ChangeTarget next, List<DesiredObject> previous, Plan plan) {
    }

    Prepared prepare(ChangeRequest request, History history) {
        return prepare(request, history, null);
    }

    /** @param emptyNamespace a namespace this command just created: none of its objects is read, none exists */
    private Prepared prepare(ChangeRequest request, History history, String emptyNamespace) {
        Release current = history.deployed().orElse(null);
        String name = request.release().name();
        String namespace = request.release().namespace();
        if (request.operation() == ReleaseOperation.INSTALL && current != null) {
            throw MotosException.invalid("release " + name + " is already installed in namespace " + namespace
                    + " (revision " + current.revision() + ")", "Use `motospkg upgrade` to change it.");
        }
        // a rollback also revives a release uninstalled with --keep-history, as Helm's does
        boolean revive = request.operation() == ReleaseOperation.ROLLBACK && ReleaseLookup.uninstalled(history);
        if (request.operation() != ReleaseOperation.INSTALL && current == null && !revive) {
            String what = ReleaseLookup.uninstalled(history) ? " was uninstalled from namespace " + namespace
                    + " (history kept)" : " has no deployed revision in namespace " + namespace;
            throw MotosException.invalid("release " + name + what, ReleaseLookup.hint(ctx, request.release(),
                    ReleaseLookup.uninstalled(history)
                            ? "`motospkg rollback " + name + " -n " + namespace + "` brings it back."
                            : "Install it first: `motospkg install`"
                                    + (request.operation() == ReleaseOperation.UPGRADE ? " (or upgrade --install)." : ".")));
        }
        ChangeTarget next = Restarts.carry(request.target().apply(history, current), current);
        // steps are run, not kept in sync: they are planned apart from the objects
        Steps.Split split = Steps.split(next.objects());
        List<DesiredObject> previous = current == null ? List.of() : Steps.objectsOnly(deployer.desired(current));
        Plan plan = new Planner(ctx).plan(request.release(), split.objects(), previous,
                Steps.objectsOnly(attempted(history, current)), request.takeover(), emptyNamespace)
                .withSteps(split.steps());
        return new Prepared(history, current, next, previous, plan);
    }

    /** What revisions after the deployed one (failed, interrupted) applied: motospkg's writes too. */
    private List<DesiredObject> attempted(History history, Release current) {
        int after = current == null ? 0 : current.revision();
        List<DesiredObject> out = new java.util.ArrayList<>();
        history.revisions().stream().filter(r -> r.revision() > after)
                .forEach(r -> out.addAll(deployer.desired(r)));
        return out;
    }

    History history(ReleaseRef ref) {
        return new History(ref.namespace(), ref.name(), ctx.store().history(ref.namespace(), ref.name()));
    }

    Release run(ChangeRequest request, WaitOptions wait) {
        ReleaseOperation kind = request.operation();
        String name = request.release().name();
        String namespace = request.release().namespace();
        // Said before anything else, so a change aimed at the wrong cluster is seen before it happens.
        AppliedTo here = ClusterTarget.announce(ctx, namespace);
        // Plan before locking: a refused or no-op change writes nothing, so it needs no lock.
        History seen = history(request.release());
        ClusterTarget.warnIfElsewhere(ctx, seen.revisions(), here);
        Prepared look = null;
        // An install always writes, so only upgrades and rollbacks gain from planning before the lock.
        if (kind != ReleaseOperation.INSTALL && seen.latest().filter(r -> r.status().isPending()).isEmpty()) {
            look = prepare(request, seen);
            if (look.plan().problems().isEmpty() && look.plan().serverChecked()) {
                Release unchanged = refuseOrSkip(kind, look, null);
                if (unchanged != null) {
                    return unchanged;
                }
            } else {
                look = null; // decided under the lock, which also creates a missing namespace
            }
        }
        Optional<String> seenPrint = ctx.store().fingerprint(namespace, name);
        try (ReleaseLocks.Lock lock = ctx.locks().acquire(namespace, name, kind.verb, !seen.revisions().isEmpty())) {
            // The history is read again under the lock, unless the lock proves it is still the one we
            // read: its last holder left exactly that history, or taking it created the namespace (so
            // no record could be in it, and none of the release's objects either).
            boolean fresh = lock.createdNamespace() && seen.revisions().isEmpty();
            boolean unchanged = fresh || seenPrint.isPresent() && lock.historyLeft().equals(seenPrint);
            try {
                History history = recover(unchanged ? seen : history(request.release()), lock);
                // Someone may have changed the release between our look and the lock: plan again then.
                Prepared prepared = look != null && history.revisions().equals(seen.revisions()) ? look
                        : prepare(request, history, fresh ? namespace : null);
                return change(request, prepared, wait, lock, here);
            } finally {
                lock.leave(ctx.store().fingerprint(namespace, name));
            }
        }
    }

    /**
     * Steps 4–6 under the lock we hold: refuse or skip, record pending, apply, record the outcome.
     * An atomic failure comes back through here as a rollback, under the same lock.
     */
    private Release change(ChangeRequest request, Prepared prepared, WaitOptions wait, ReleaseLocks.Lock lock,
            AppliedTo here) {
        ReleaseOperation kind = request.operation();
        String name = request.release().name();
        String namespace = request.release().namespace();
        Release unchanged = refuseOrSkip(kind, prepared, lock.createdNamespace() ? namespace : null);
        if (unchanged != null) {
            return unchanged;
        }
        // a rollback looks at the database before it changes anything: its code may be older than the schema
        List<Backup> restoring = kind == ReleaseOperation.ROLLBACK ? new SchemaCheck(ctx).check(request, prepared, wait)
                : List.of();
        Plan plan = lock.createdNamespace() ? prepared.plan().withNamespaceCreated(namespace) : prepared.plan();
        History history = prepared.history();
        Release current = prepared.current();
        ChangeTarget next = restoring.isEmpty() ? prepared.next() : prepared.next().describedAs(prepared.next()
                .description() + " (data restored from the backups " + restoring.get(0).when() + ")");
        Instant now = ctx.clock().instant();
        Instant first = current != null ? current.firstDeployed() : now;
        Release pending = new Release(name, namespace, history.nextRevision(), kind.pending, next.chart(),
                next.userValues(), next.manifest(), first, now, next.description(), here, null,
                next.restartedAt(), null);
        ensureHeld(lock, name);
        ctx.store().create(pending);
        ctx.out().println(capitalized(kind.verb) + " " + pending.label() + " in namespace " + namespace + ":");
        plan.notes().forEach(n -> ctx.out().println("  note: " + n));
        reportReverts(plan);
        Release[] made = {pending};
        try {
            deployer.deploy(plan, Steps.objectsOnly(next.objects()), wait, kind.verb, pending.revision(),
                    new Deployer.StepInputs(request.data().backups(), restoring, keptBackups(history)), backup -> {
                // recorded at once: a step that fails after the backup must not lose it
                made[0] = made[0].withBackup(backup);
                ctx.store().update(made[0]);
            });
            deployer.removeDroppedSteps(current, next.objects());
        } catch (MotosException e) {
            Release failed = made[0].withStatus(ReleaseStatus.FAILED,
                    kind.verb + " failed: " + firstLine(e.getMessage()), ctx.clock().instant());
            ctx.store().update(failed);
            if (wait.atomic()) {
                throw current == null ? removeCreated(plan, e) : rollBack(request, failed, current, wait, lock, e);
            }
            throw e;
        }
        ensureHeld(lock, name);
        Release deployed = made[0].withStatus(ReleaseStatus.DEPLOYED, next.description(), ctx.clock().instant());
        if (wait.waits()) {
            // the contents the tags resolved to, as the kubelet reports them once the pods are ready
            deployed = deployed.withImages(RunningImages.of(ctx.cluster(), Steps.objectsOnly(next.objects())));
        }
        // the revision it replaces now reads superseded (see Supersession): no second write
        ctx.store().update(deployed);
        if (history.revisions().size() + 1 > historyMax) {
            HistoryPruner.prune(ctx.store(), namespace, name, historyMax);
        }
        return deployed;
    }

    /**
     * The backup files the history still records once this change has pruned it (the newest
     * {@code historyMax - 1} revisions before it, and the deployed one); null when it is not limited.
     */
    private List<String> keptBackups(History history) {
        if (historyMax <= 0) {
            return null;
        }
        List<Release> revisions = history.revisions();
        List<String> kept = new java.util.ArrayList<>();
        for (int i = Math.max(0, revisions.size() - (historyMax - 1)); i < revisions.size(); i++) {
            revisions.get(i).backupList().forEach(b -> kept.add(b.name()));
        }
        history.deployed().ifPresent(d -> d.backupList().forEach(b -> kept.add(b.name())));
        return kept.stream().distinct().toList();
    }

    /**
     * Throws when preflight refuses; returns the current revision when there is nothing to do; else null.
     * @param createdNamespace the namespace taking the lock created (so not "nothing" was written), or null
     */
    private Release refuseOrSkip(ReleaseOperation kind, Prepared prepared, String createdNamespace) {
        Plan plan = prepared.plan();
        if (!plan.problems().isEmpty()) {
            throw MotosException.failed(kind.verb + " refused before changing anything ("
                    + plan.problems().size() + (plan.problems().size() == 1 ? " problem" : " problems") + "):\n  "
                    + String.join("\n  ", plan.problems()),
                    (createdNamespace == null ? "Nothing was written: no object and no release record."
                            : "Nothing was written but namespace " + createdNamespace + " and the release's lock in it"
                                    + " (taking the lock made the namespace): no other object and no release record.")
                            + " `motospkg diff " + kind.verb + "` shows the whole plan.");
        }
        Release current = prepared.current();
        if (current != null && !plan.writes() && sameRevision(current, prepared.next())) {
            ctx.out().println("Release " + current.name() + " is up to date: revision " + current.revision()
                    + " already matches the chart, values and cluster; nothing was written.");
            if (kind == ReleaseOperation.UPGRADE) {
                Restarts.sameTagNote(prepared.next().objects()).ifPresent(n -> ctx.out().println("  " + n));
            }
            ctx.out().flush();
            return current;
        }
        return null;
    }

    /** Someone else holds the release now: writing on would interleave with them. */
    private static void ensureHeld(ReleaseLocks.Lock lock, String name) {
        if (!lock.held()) {
            throw MotosException.failed("lost the lock of release " + name + ": this command stalled past the lock's"
                    + " expiry and another command took the release over; it stopped writing",
                    "See `motospkg history` and `motospkg status`; run the command again when the other one is done.");
        }
    }

    private static boolean sameRevision(Release current, ChangeTarget next) {
        return current.manifest().equals(next.manifest()) && Objects.equals(current.values(), next.userValues())
                && current.chart().equals(next.chart());
    }

    private void reportReverts(Plan plan) {
        for (var change : plan.changes()) {
            boolean secret = change.key().kind().equals("Secret");
            for (FieldChange f : change.reverted()) {
                String values = secret ? "(hidden)" : f.before() + " -> " + f.after();
                ctx.out().println("  reverting " + change.key() + " " + f.path() + ": " + values
                        + " (changed outside motospkg by " + f.manager() + ")");
            }
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
        if (latest.status() == ReleaseStatus.UNINSTALLING) {
            // it was deployed: the revisions it replaced stay superseded once it reads failed
            history.revisions().stream().filter(r -> r.status() == ReleaseStatus.SUPERSEDED)
                    .forEach(ctx.store()::update);
        }
        String who = lock.takenOverFrom() != null ? " by " + lock.takenOverFrom() : "";
        Release failed = latest.withStatus(ReleaseStatus.FAILED, "interrupted: " + latest.status().wire() + who
                + " stopped before finishing", ctx.clock().instant());
        ctx.store().update(failed);
        ctx.out().println("Note: revision " + latest.revision() + " was left " + latest.status().wire() + who
                + "; marked failed and continuing.");
        return history(new ReleaseRef(history.name(), history.namespace()));
    }

    /**
     * Atomic, after a failed upgrade or rollback: Helm's recovery, a rollback to the revision that was
     * deployed, through the same path (plan, preflight, apply, wait, record) under the lock we hold.
     */
    private MotosException rollBack(ChangeRequest failedRequest, Release failed, Release current, WaitOptions wait,
            ReleaseLocks.Lock lock, MotosException cause) {
        ReleaseOperation kind = failedRequest.operation();
        ctx.out().println("Atomic: " + kind.verb + " failed; rolling back to revision " + current.revision() + "...");
        ctx.out().flush();
        ReleaseRef ref = failedRequest.release();
        ChangeRequest base = new Rollback(ctx).request(new Rollback.Options(ref, current.revision(),
                WaitOptions.none(), historyMax));
        String why = " (atomic: " + kind.verb + " to " + failed.revision() + " failed)";
        ChangeRequest rollback = new ChangeRequest(ReleaseOperation.ROLLBACK, ref, Takeover.none(), (history, deployed) -> {
            ChangeTarget t = base.target().apply(history, deployed);
            return t.describedAs(t.description() + why);
        }, new DataOptions(failedRequest.data().backups(), DataOptions.OnRollback.REFUSE_IF_AHEAD));
        Release restored;
        try {
            ensureHeld(lock, ref.name());
            restored = change(rollback, prepare(rollback, history(ref)), new WaitOptions(wait.waits(), wait.timeout(),
                    false), lock, failed.appliedTo());
        } catch (MotosException second) {
            return new MotosException(ExitCode.FAILED, cause.getMessage() + "\n(atomic: rolling back to revision "
                    + current.revision() + " failed too: " + second.getMessage() + ")",
                    joinHints(cause.hint(), second.hint()), cause);
        }
        String live = restored.revision() == current.revision()
                ? "revision " + current.revision() + " is still live: the failed " + kind.verb + " had changed nothing"
                : "revision " + current.revision() + " is live again as revision " + restored.revision();
        return new MotosException(ExitCode.FAILED, cause.getMessage() + "\n(atomic: " + live + ")", cause.hint(), cause);
    }

    /**
     * Atomic, after a failed install: delete what this install created, and only that. Objects that
     * existed before (adopted, or the namespace) and data (PVCs) stay.
     */
    private MotosException removeCreated(Plan plan, MotosException cause) {
        ctx.out().println("Atomic: install failed; deleting what it created...");
        List<String> kept = new java.util.ArrayList<>();
        List<String> notDeleted = new java.util.ArrayList<>();
        for (var change : plan.changes()) {
            DesiredObject d = plan.desiredById().get(change.key().toString());
            if (change.kind() != dev.motospkg.diff.ChangeKind.CREATE) {
                if (change.kind().writes() && (d == null || !ApplyPlan.isKept(d))) {
                    kept.add(change.key().toString());
                }
                continue;
            }
            if (d != null && ApplyPlan.isKept(d)) {
                continue;
            }
            try {
                if (ctx.cluster().delete(change.key())) {
                    ctx.out().println("  deleted  " + change.key());
                }
            } catch (MotosException e) {
                notDeleted.add(change.key() + " (" + firstLine(e.getMessage()) + ")");
            }
        }
        ctx.out().flush();
        StringBuilder what = new StringBuilder("\n(atomic: deleted what the install created; PVCs and the namespace"
                + " were kept");
        if (!kept.isEmpty()) {
            what.append("; these existed before it and were kept, with the install's changes: ")
                    .append(String.join(", ", kept));
        }
        if (!notDeleted.isEmpty()) {
            what.append("; could not delete: ").append(String.join(", ", notDeleted));
        }
        return new MotosException(ExitCode.FAILED, cause.getMessage() + what + ")", cause.hint(), cause);
    }

    private static String joinHints(String first, String second) {
        if (first == null) {
            return second;
        }
        return second == null || second.equals(first) ? first : first + " Then: " + second;
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
