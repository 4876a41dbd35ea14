package dev.motospkg.action;

import dev.motospkg.apply.ApplyPlan;
import dev.motospkg.apply.ClientSideOwnership;
import dev.motospkg.apply.DesiredObject;
import dev.motospkg.apply.ImmutableFields;
import dev.motospkg.apply.ReleaseMarks;
import dev.motospkg.apply.RemovedStructs;
import dev.motospkg.diff.Change;
import dev.motospkg.diff.ChangeKind;
import dev.motospkg.diff.FieldChange;
import dev.motospkg.diff.FieldOwners;
import dev.motospkg.diff.Normalizer;
import dev.motospkg.diff.Subset;
import dev.motospkg.diff.TreeDiff;
import dev.motospkg.error.MotosException;
import dev.motospkg.kube.Cluster;
import dev.motospkg.yaml.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Preflight and plan (kapp's diff): for every desired object, read the live one, check ownership
 * and immutable fields, dry-run it on the server, and compare. Nothing is written here.
 */
final class Planner {
    private final ActionContext ctx;

    Planner(ActionContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param previous what the deployed revision applied
     * @param attempted what later revisions (failed or interrupted) applied, maybe in part: motospkg's
     *     own writes too, never blamed on another writer
     */
    Plan plan(ReleaseRef release, List<DesiredObject> desired, List<DesiredObject> previous,
            List<DesiredObject> attempted, Takeover takeover) {
        return plan(release, desired, previous, attempted, takeover, null);
    }

    /** @param emptyNamespace a namespace created by this command (nothing in it to read), or null */
    Plan plan(ReleaseRef release, List<DesiredObject> desired, List<DesiredObject> previous,
            List<DesiredObject> attempted, Takeover takeover, String emptyNamespace) {
        List<Change> changes = new ArrayList<>();
        java.util.Set<String> takeovers = new java.util.LinkedHashSet<>();
        Map<String, Map<String, Object>> removals = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, DesiredObject> byId = new LinkedHashMap<>();
        Map<String, DesiredObject> applied = new LinkedHashMap<>();
        previous.forEach(p -> applied.put(p.key().toString(), p));
        LiveObjects lives = LiveObjects.read(ctx.cluster(), desired, previous, emptyNamespace);
        // Objects in a namespace that does not exist yet cannot be dry-run; they are checked on apply.
        java.util.Set<String> newNamespaces = new java.util.HashSet<>();
        for (DesiredObject d : desired) {
            if (d.kind().equals("Namespace") && lives.get(d.key()).isEmpty()) {
                newNamespaces.add(d.key().name());
            }
        }
        int unverified = 0;
        // another release's objects, by that release: one problem each, however many objects collide
        Map<String, List<String>> claimed = new LinkedHashMap<>();
        for (DesiredObject d : desired) {
            byId.put(d.key().toString(), d);
            Optional<Map<String, Object>> live = lives.get(d.key());
            if (live.isPresent() && !owned(release, d, live.get(), takeover.adopt(), claimed, problems, notes)) {
                continue;
            }
            Object deleting = live.map(l -> Trees.at(l, List.of("metadata", "deletionTimestamp"))).orElse(null);
            if (deleting != null) {
                problems.add(d.key() + " is being deleted (since " + deleting + ", finalizers "
                        + Trees.at(live.get(), List.of("metadata", "finalizers")) + "); applying it now would "
                        + "keep the old object. Wait until it is gone (`kubectl get` it), then run this again.");
                continue;
            }
            if (live.isPresent() && d.body().get("spec") instanceof Map<?, ?>) {
                DataDirectories.check(d.key(), live.get(), d.body(), problems);
            }
            List<ImmutableFields.Problem> immutable = live.map(l -> ImmutableFields.problems(d, l)).orElse(List.of());
            if (!immutable.isEmpty()) {
                boolean replaceable = !ApplyPlan.holdsData(d.kind())
                        && immutable.stream().allMatch(ImmutableFields.Problem::replaceable);
                notes.remove(adoptingNote(d)); // replaced or refused: not adopted in place
                if (takeover.force() && replaceable) {
                    changes.add(new Change(ChangeKind.REPLACE, d.key(), Normalizer.normalize(live.get()),
                            Normalizer.normalize(d.body()), List.of()));
                    continue;
                }
                for (ImmutableFields.Problem p : immutable) {
                    problems.add(p.message() + (takeover.force() && !replaceable ? " --force never replaces a "
                            + d.kind() + ": deleting it would delete the data it holds." : ""));
                }
                continue;
            }
            DesiredObject before = applied.get(d.key().toString());
            if (live.isEmpty() && d.key().namespace() != null && newNamespaces.contains(d.key().namespace())) {
                changes.add(new Change(ChangeKind.CREATE, d.key(), null, Normalizer.normalize(d.body()), List.of()));
                unverified++;
                continue;
            }
            if (live.isPresent() && d.kind().equals("Namespace") && d.key().name().equals(emptyNamespace)) {
                // The lock made it a moment ago, so the server has just accepted it; its labels and
                // annotations are the install's first apply, so a refusal stops the install there.
                changes.add(new Change(ChangeKind.CREATE, d.key(), null, Normalizer.normalize(d.body()), List.of()));
                continue;
            }
            boolean takesOver = live.isPresent() && takeover.adopt() && ClientSideOwnership.present(live.get());
            if (!takesOver && live.isPresent() && before != null && before.body().equals(d.body())
                    && Subset.matches(d.body(), live.get())) {
                // Same as last applied and the cluster still has it: nothing to ask the server.
                Map<String, Object> same = Normalizer.normalize(live.get());
                changes.add(new Change(ChangeKind.UNCHANGED, d.key(), same, same, List.of()));
                continue;
            }
            Map<String, Object> removal = takesOver ? Map.of() : RemovedStructs.patch(d.kind(),
                    before == null ? null : before.body(), d.body(), live.orElse(null));
            Map<String, Object> dryRun;
            try {
                // After the takeover, apply replaces what kubectl set; a dry-run apply cannot see a
                // takeover not yet written, so the preview is the equivalent merge patch. Likewise
                // the removal of a defaulted struct is previewed as one strategic merge patch.
                dryRun = takesOver ? ctx.cluster().dryRunMergePatch(d.key(),
                        ClientSideOwnership.previewPatch(live.get(), d.body(), Cluster.FIELD_MANAGER))
                        : !removal.isEmpty() ? ctx.cluster().strategicMergePatch(d.key(),
                        RemovedStructs.withRemovals(d.body(), removal), true)
                        : ctx.cluster().apply(d.body(), true);
            } catch (MotosException e) {
                problems.add(e.getMessage());
                continue;
            }
            if (takesOver) {
                takeovers.add(d.key().toString());
                changes.add(takenOver(d, live.get(), dryRun, notes));
                continue;
            }
            if (!removal.isEmpty()) {
                removals.put(d.key().toString(), removal);
            }
            changes.add(change(d, live.orElse(null), dryRun, appliedBodies(d, previous, attempted)));
        }
        for (DesiredObject gone : ApplyPlan.removed(previous, desired)) {
            Optional<Map<String, Object>> live = lives.get(gone.key());
            if (live.isEmpty()) {
                continue;
            }
            ChangeKind kind = ApplyPlan.isKept(gone) ? ChangeKind.RETAIN : ChangeKind.DELETE;
            changes.add(new Change(kind, gone.key(), Normalizer.normalize(live.get()), null, List.of()));
        }
        if (unverified > 0) {
            notes.add("namespace " + String.join(", ", newNamespaces) + " does not exist yet: " + unverified
                    + " objects in it are checked by the server when they are applied, not before");
        }
        problems.addAll(0, collisions(release, claimed));
        Preflight.check(changes, byId, takeover.force(), problems, notes);
        return new Plan(changes, byId, problems, notes, unverified == 0, takeovers, removals, List.of());
    }

    /**
     * An object taken from kubectl apply: always written (kubectl's ownership and last-applied
     * annotation must go even when nothing visible changes), and nothing in it counts as drift.
     */
    private static Change takenOver(DesiredObject d, Map<String, Object> live, Map<String, Object> dryRun,
            List<String> notes) {
        Change c = change(d, live, dryRun, List.of());
        List<String> removed = c.fields().stream().filter(f -> f.after() == null).map(FieldChange::path).toList();
        notes.remove(adoptingNote(d));
        notes.add(adoptingNote(d) + "; taking over its fields from kubectl apply: the last-applied annotation"
                + (removed.isEmpty() ? " is" : " and what kubectl set that the chart does not ("
                + String.join(", ", removed.subList(0, Math.min(6, removed.size())))
                + (removed.size() > 6 ? ", ..." : "") + ") are") + " removed");
        return new Change(ChangeKind.UPDATE, c.key(), c.before(), c.after(), c.fields().stream()
                .map(f -> new FieldChange(f.path(), f.before(), f.after(), null)).toList());
    }

    private static String adoptingNote(DesiredObject d) {
        return "adopting " + d.key() + " in place (same object, no delete and re-create)";
    }

    /** What motospkg applied for this object: in the deployed revision first, then in later attempts. */
    private static List<Map<String, Object>> appliedBodies(DesiredObject d, List<DesiredObject> previous,
            List<DesiredObject> attempted) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<DesiredObject> list : List.of(previous, attempted)) {
            for (DesiredObject o : list) {
                if (ApplyPlan.identity(o.key()).equals(ApplyPlan.identity(d.key()))) {
                    out.add(o.body());
                }
            }
        }
        return out;
    }

    /** @param applied what motospkg applied for this object, deployed revision first (empty if never) */
    private static Change change(DesiredObject d, Map<String, Object> live, Map<String, Object> dryRun,
            List<Map<String, Object>> applied) {
        Map<String, Object> after = Normalizer.normalize(dryRun);
        if (live == null) {
            return new Change(ChangeKind.CREATE, d.key(), null, after, List.of());
        }
        Map<String, Object> before = Normalizer.normalize(live);
        List<FieldChange> fields = new ArrayList<>();
        for (TreeDiff.Leaf leaf : TreeDiff.leaves(before, after)) {
            fields.add(new FieldChange(leaf.pathText(), leaf.before(), leaf.after(), driftWriter(live, applied, leaf)));
        }
        return new Change(fields.isEmpty() ? ChangeKind.UNCHANGED : ChangeKind.UPDATE, d.key(), before, after, fields);
    }

    /**
     * Who changed a field we manage, when it was not us: the field manager recorded in managedFields,
     * or, when the server recorded none (1.20 keeps no managedFields for the scale subresource, so
     * `kubectl scale` leaves no name), a plain statement that the live value is not the one applied.
     * A live value motospkg itself applied (in the deployed revision or in a later one that failed or
     * was interrupted) is never blamed on anyone.
     *
     * @param applied what motospkg applied for the object, deployed revision first
     */
    static String driftWriter(Map<String, Object> live, List<Map<String, Object>> applied, TreeDiff.Leaf leaf) {
        if (leaf.before() != null && applied.stream().map(a -> Trees.at(a, leaf.path()))
                .anyMatch(v -> v != null && Subset.matches(v, leaf.before()))) {
            // what motospkg applied, maybe with server defaults filled in
            return null;
        }
        String owner = FieldOwners.owner(live, leaf.path());
        if (owner != null && !owner.equals(Cluster.FIELD_MANAGER)) {
            return owner;
        }
        if (applied.isEmpty() || leaf.before() == null) {
            return null;
        }
        Object appliedValue = Trees.at(applied.get(0), leaf.path());
        if (appliedValue != null) {
            return "an unrecorded writer, e.g. kubectl scale";
        }
        return null;
    }

    /**
     * Two releases in one namespace: the chart names its objects the same in every release, so the
     * second would take the first's. Refused before anything is written, naming the release that owns them.
     */
    private static List<String> collisions(ReleaseRef release, Map<String, List<String>> claimed) {
        List<String> out = new ArrayList<>();
        claimed.forEach((owner, keys) -> {
            String name = owner.substring(0, owner.indexOf('\n'));
            String namespace = owner.substring(owner.indexOf('\n') + 1);
            out.add("release " + release.name() + " would take " + (keys.size() == 1 ? "an object" : keys.size()
                    + " objects") + " of release " + name + " (namespace " + namespace + "), the same names: "
                    + String.join(", ", keys) + ". motospkg never takes another release's objects: install "
                    + release.name() + " into a namespace of its own (-n NAMESPACE), or uninstall " + name + " first.");
        });
        return out;
    }

    /**
     * Objects of this release, and what an uninstall of this release left behind, are ours. An
     * object nobody claims is taken only with adopt (a Namespace always: it holds nothing of ours
     * to lose). Another release's object is never taken.
     */
    private static boolean owned(ReleaseRef release, DesiredObject d, Map<String, Object> live, boolean adopt,
            Map<String, List<String>> claimed, List<String> problems, List<String> notes) {
        Object annotations = Trees.at(live, List.of("metadata", "annotations"));
        Map<?, ?> a = annotations instanceof Map<?, ?> m ? m : Map.of();
        Object name = a.get(ReleaseMarks.RELEASE_NAME);
        Object namespace = a.get(ReleaseMarks.RELEASE_NAMESPACE);
        if (name != null) {
            if (name.equals(release.name()) && release.namespace().equals(namespace)) {
                return true;
            }
            claimed.computeIfAbsent(name + "\n" + namespace, k -> new ArrayList<>()).add(d.key().toString());
            return false;
        }
        if (d.kind().equals("Namespace")) {
            return true;
        }
        if (adopt) {
            notes.add(adoptingNote(d));
            return true;
        }
        problems.add(d.key() + " already exists and is not managed by motospkg (created with kubectl apply?). "
                + "Re-run with --adopt to take it over in place, without deleting it.");
        return false;
    }
}
