package dev.motospkg.action;

import dev.motospkg.apply.DesiredObject;
import dev.motospkg.diff.Change;
import dev.motospkg.diff.ChangeKind;
import java.util.List;
import java.util.Map;

/**
 * What a change would do, computed from server dry-runs and live objects, before anything is
 * written: the per-object changes, what preflight refuses ({@code problems}), and notes to show.
 * {@code serverChecked} is false when some objects could not be dry-run (their namespace is new).
 */
public record Plan(List<Change> changes, Map<String, DesiredObject> desiredById, List<String> problems,
        List<String> notes, boolean serverChecked) {

    public boolean writes() {
        return changes.stream().anyMatch(c -> c.kind().writes());
    }

    public List<Change> of(ChangeKind kind) {
        return changes.stream().filter(c -> c.kind() == kind).toList();
    }
}
