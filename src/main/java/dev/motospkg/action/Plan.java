package dev.motospkg.action;

import dev.motospkg.apply.DesiredObject;
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
 */
public record Plan(List<Change> changes, Map<String, DesiredObject> desiredById, List<String> problems,
        List<String> notes, boolean serverChecked, Set<String> takeovers, Map<String, Map<String, Object>> removals) {

    public boolean takesOver(ObjectKey key) {
        return takeovers.contains(key.toString());
    }

    public boolean writes() {
        return changes.stream().anyMatch(c -> c.kind().writes());
    }

    public List<Change> of(ChangeKind kind) {
        return changes.stream().filter(c -> c.kind() == kind).toList();
    }
}
