package dev.motospkg.action;

import dev.motospkg.apply.ApplyPlan;
import dev.motospkg.apply.DesiredObject;
import dev.motospkg.apply.ImmutableFields;
import dev.motospkg.apply.ReleaseMarks;
import dev.motospkg.diff.Change;
import dev.motospkg.diff.ChangeKind;
import dev.motospkg.diff.FieldChange;
import dev.motospkg.diff.FieldOwners;
import dev.motospkg.diff.Normalizer;
import dev.motospkg.diff.Subset;
import dev.motospkg.diff.TreeDiff;
import dev.motospkg.error.MotosException;
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
    static final String FIELD_MANAGER = "motospkg";

    private final ActionContext ctx;

    Planner(ActionContext ctx) {
        this.ctx = ctx;
    }

    Plan plan(ReleaseRef release, List<DesiredObject> desired, List<DesiredObject> previous, boolean adopt) {
        List<Change> changes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, DesiredObject> byId = new LinkedHashMap<>();
        Map<String, DesiredObject> applied = new LinkedHashMap<>();
        previous.forEach(p -> applied.put(p.key().toString(), p));
        LiveObjects lives = LiveObjects.read(ctx.cluster(), desired, previous);
        // Objects in a namespace that does not exist yet cannot be dry-run; they are checked on apply.
        java.util.Set<String> newNamespaces = new java.util.HashSet<>();
        for (DesiredObject d : desired) {
            if (d.kind().equals("Namespace") && lives.get(d.key()).isEmpty()) {
                newNamespaces.add(d.key().name());
            }
        }
        int unverified = 0;
        for (DesiredObject d : desired) {
            byId.put(d.key().toString(), d);
            Optional<Map<String, Object>> live = lives.get(d.key());
            if (live.isPresent() && !owned(release, d, live.get(), adopt, problems, notes)) {
                continue;
            }
            Object deleting = live.map(l -> Trees.at(l, List.of("metadata", "deletionTimestamp"))).orElse(null);
            if (deleting != null) {
                problems.add(d.key() + " is being deleted (since " + deleting + ", finalizers "
                        + Trees.at(live.get(), List.of("metadata", "finalizers")) + "); applying it now would "
                        + "keep the old object. Wait until it is gone (`kubectl get` it), then run this again.");
                continue;
            }
            List<String> immutable = live.map(l -> ImmutableFields.problems(d, l)).orElse(List.of());
            if (!immutable.isEmpty()) {
                problems.addAll(immutable);
                continue;
            }
            DesiredObject before = applied.get(d.key().toString());
            if (live.isEmpty() && d.key().namespace() != null && newNamespaces.contains(d.key().namespace())) {
                changes.add(new Change(ChangeKind.CREATE, d.key(), null, Normalizer.normalize(d.body()), List.of()));
                unverified++;
                continue;
            }
            if (live.isPresent() && before != null && before.body().equals(d.body()) && Subset.matches(d.body(), live.get())) {
                // Same as last applied and the cluster still has it: nothing to ask the server.
                Map<String, Object> same = Normalizer.normalize(live.get());
                changes.add(new Change(ChangeKind.UNCHANGED, d.key(), same, same, List.of()));
                continue;
            }
            Map<String, Object> dryRun;
            try {
                dryRun = ctx.cluster().apply(d.body(), true);
            } catch (MotosException e) {
                problems.add(e.getMessage());
                continue;
            }
            changes.add(change(d, live.orElse(null), dryRun, before == null ? null : before.body()));
        }
        for (DesiredObject gone : ApplyPlan.removed(previous, desired)) {
            Optional<Map<String, Object>> live = lives.get(gone.key());
            if (live.isEmpty()) {
                continue;
            }
            ChangeKind kind = ApplyPlan.isKept(gone) ? ChangeKind.KEEP : ChangeKind.DELETE;
            changes.add(new Change(kind, gone.key(), Normalizer.normalize(live.get()), null, List.of()));
        }
        if (unverified > 0) {
            notes.add("namespace " + String.join(", ", newNamespaces) + " does not exist yet: " + unverified
                    + " objects in it are checked by the server when they are applied, not before");
        }
        return new Plan(changes, byId, problems, notes, unverified == 0);
    }

    /** @param applied what the deployed revision applied for this object (null if it had none) */
    private static Change change(DesiredObject d, Map<String, Object> live, Map<String, Object> dryRun,
            Map<String, Object> applied) {
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
     */
    static String driftWriter(Map<String, Object> live, Map<String, Object> applied, TreeDiff.Leaf leaf) {
        String owner = FieldOwners.owner(live, leaf.path());
        if (owner != null && !owner.equals(FIELD_MANAGER)) {
            return owner;
        }
        if (applied == null || leaf.before() == null) {
            return null;
        }
        Object appliedValue = Trees.at(applied, leaf.path());
        if (appliedValue != null && !sameValue(appliedValue, leaf.before())) {
            return "an unrecorded writer, e.g. kubectl scale";
        }
        return null;
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return String.valueOf(a).equals(String.valueOf(b));
    }

    /**
     * Objects of this release, and what an uninstall of this release left behind, are ours. An
     * object nobody claims is taken only with adopt (a Namespace always: it holds nothing of ours
     * to lose). Another release's object is never taken.
     */
    private static boolean owned(ReleaseRef release, DesiredObject d, Map<String, Object> live, boolean adopt,
            List<String> problems, List<String> notes) {
        Object annotations = Trees.at(live, List.of("metadata", "annotations"));
        Map<?, ?> a = annotations instanceof Map<?, ?> m ? m : Map.of();
        Object name = a.get(ReleaseMarks.RELEASE_NAME);
        Object namespace = a.get(ReleaseMarks.RELEASE_NAMESPACE);
        if (name != null) {
            if (name.equals(release.name()) && release.namespace().equals(namespace)) {
                return true;
            }
            problems.add(d.key() + " belongs to release " + name + " in namespace " + namespace
                    + "; motospkg never takes another release's objects. Rename one of them, or uninstall " + name + ".");
            return false;
        }
        if (d.kind().equals("Namespace")) {
            return true;
        }
        if (adopt) {
            notes.add("adopting " + d.key() + " in place (same object, no delete and re-create)");
            return true;
        }
        problems.add(d.key() + " already exists and is not managed by motospkg (created with kubectl apply?). "
                + "Re-run with --adopt to take it over in place, without deleting it.");
        return false;
    }
}
