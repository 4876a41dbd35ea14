package dev.motospkg.apply;

import dev.motospkg.yaml.Trees;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Changes Kubernetes refuses to make in place, or that lose data, found before anything is sent.
 * Each problem names the field, why, and what to do.
 */
public final class ImmutableFields {
    private static final Set<String> SELECTOR_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "Job");
    /** The server writes these kinds' selector (a Job's controller-uid) unless the chart sets one itself. */
    private static final Set<String> GENERATED_SELECTOR_KINDS = Set.of("Job");

    private ImmutableFields() {
    }

    /**
     * One field that cannot change in place. {@code replaceable}: deleting and creating the object
     * again would make the change (--force); never for a PVC, whose deletion deletes its data.
     */
    public record Problem(String message, boolean replaceable) {
    }

    public static List<Problem> problems(DesiredObject desired, Map<String, Object> live) {
        List<Problem> out = new ArrayList<>();
        String kind = desired.kind();
        Map<String, Object> want = desired.body();
        String where = desired.key().toString();
        boolean selectorGiven = at(want, "spec", "selector") != null || !GENERATED_SELECTOR_KINDS.contains(kind);
        if (SELECTOR_KINDS.contains(kind) && selectorGiven && !Objects.equals(at(want, "spec", "selector"), at(live, "spec", "selector"))) {
            out.add(new Problem(where + ": spec.selector would change from " + at(live, "spec", "selector") + " to "
                    + at(want, "spec", "selector") + "; Kubernetes does not allow changing a selector in place. "
                    + "Keep the selector labels as they are (put new labels on the pod template only), or re-run "
                    + "with --force to replace the " + kind + " (delete and create it again: its pods restart).",
                    true));
        }
        if (kind.equals("Service")) {
            Object wanted = at(want, "spec", "clusterIP");
            Object current = at(live, "spec", "clusterIP");
            if (wanted != null && current != null && !wanted.equals(current) && !"".equals(wanted)) {
                out.add(new Problem(where + ": spec.clusterIP would change from " + current + " to " + wanted
                        + "; it cannot change in place. Remove clusterIP from the chart, or re-run with --force to "
                        + "replace the Service (delete and create it again).", true));
            }
        }
        if (kind.equals("PersistentVolumeClaim")) {
            pvc(where, want, live, out);
        }
        return out;
    }

    private static void pvc(String where, Map<String, Object> want, Map<String, Object> live, List<Problem> out) {
        Object wantSize = at(want, "spec", "resources", "requests", "storage");
        Object liveSize = at(live, "spec", "resources", "requests", "storage");
        BigDecimal w = Quantity.parse(wantSize);
        BigDecimal l = Quantity.parse(liveSize);
        if (w != null && l != null && w.compareTo(l) < 0) {
            out.add(new Problem(where + ": storage would shrink from " + liveSize + " to " + wantSize
                    + "; a volume can only grow, and shrinking would lose data. Keep the size at " + liveSize
                    + " or larger.", false));
        }
        Object wantClass = at(want, "spec", "storageClassName");
        Object liveClass = at(live, "spec", "storageClassName");
        if (wantClass != null && liveClass != null && !wantClass.equals(liveClass)) {
            out.add(new Problem(where + ": storageClassName would change from " + liveClass + " to " + wantClass
                    + "; that means a new volume and the data stays behind. Keep " + liveClass
                    + ", or migrate the data to a new PVC under another name.", false));
        }
        Object wantModes = at(want, "spec", "accessModes");
        Object liveModes = at(live, "spec", "accessModes");
        if (wantModes != null && liveModes != null && !wantModes.equals(liveModes)) {
            out.add(new Problem(where + ": accessModes would change from " + liveModes + " to " + wantModes
                    + "; a PVC's access modes are fixed at creation. Keep " + liveModes
                    + ", or migrate the data to a new PVC under another name.", false));
        }
    }

    private static Object at(Map<String, Object> tree, Object... path) {
        return Trees.at(tree, List.of(path));
    }
}
