package dev.motospkg.action;

import dev.motospkg.apply.DesiredObject;
import dev.motospkg.apply.Step;
import dev.motospkg.apply.StepPhase;
import dev.motospkg.diff.Change;
import dev.motospkg.diff.ChangeKind;
import dev.motospkg.kube.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a change would do, computed from server dry-runs and live objects, before anything is
 * written: the per-object changes, what preflight refuses ({@code problems}), and notes to show.
 * {@code serverChecked} is false when some objects could not be dry-run (their namespace is new).
 * {@code takeovers}: keys of objects whose field ownership is taken from kubectl apply before applying.
 * {@code removals}: per key, the strategic merge patch that first removes structs the chart dropped
 * (see RemovedStructs).
 * {@code steps}: the new revision's steps (Jobs run, not kept in sync), in run order; not in {@code changes}.
 */
public record Plan(List<Change> changes, Map<String, DesiredObject> desiredById, List<String> problems,
        List<String> notes, boolean serverChecked, Set<String> takeovers, Map<String, Map<String, Object>> removals,
        List<Step> steps) {

    /** The steps that run in a phase, in order. */
    public List<Step> steps(StepPhase phase) {
        return steps.stream().filter(s -> s.runsIn(phase)).toList();
    }

    Plan withSteps(List<Step> list) {
        return new Plan(changes, desiredById, problems, notes, serverChecked, takeovers, removals, List.copyOf(list));
    }

    public boolean takesOver(ObjectKey key) {
        return takeovers.contains(key.toString());
    }

    public boolean writes() {
        return changes.stream().anyMatch(c -> c.kind().writes());
    }

    /** Desired objects preflight refused: every other desired object has a change in the plan. */
    public int refused() {
        java.util.Set<String> planned = new java.util.HashSet<>();
        changes.forEach(c -> planned.add(c.key().toString()));
        return (int) desiredById.keySet().stream().filter(id -> !planned.contains(id)).count();
    }

    /** The same plan with the release's Namespace as created: the lock made it moments ago, for this change. */
    Plan withNamespaceCreated(String namespace) {
        List<Change> out = changes.stream().map(c -> c.key().kind().equals("Namespace")
                && c.key().name().equals(namespace) && c.kind() == ChangeKind.UPDATE
                ? new Change(ChangeKind.CREATE, c.key(), null, c.after(), List.of()) : c).toList();
        return new Plan(out, desiredById, problems, notes, serverChecked, takeovers, removals, steps);
    }
}
