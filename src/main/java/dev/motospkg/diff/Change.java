package dev.motospkg.diff;

import dev.motospkg.kube.ObjectKey;
import java.util.List;
import java.util.Map;

/**
 * One object's change: {@code before} is the live object and {@code after} what the server would
 * store (both normalized; either may be null), with the changed fields.
 */
public record Change(ChangeKind kind, ObjectKey key, Map<String, Object> before, Map<String, Object> after,
        List<FieldChange> fields) {

    /** Fields this change puts back after someone else (kubectl scale, kubectl edit, ...) changed them. */
    public List<FieldChange> reverted() {
        return fields.stream().filter(f -> f.manager() != null).toList();
    }
}
