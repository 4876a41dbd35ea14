package dev.motospkg.action;

import dev.motospkg.apply.DesiredObject;
import dev.motospkg.diff.Change;
import dev.motospkg.diff.ChangeKind;
import dev.motospkg.yaml.Trees;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks of the planned end state that only show on a real cluster: a Service whose selector would
 * match no pod of the release (no endpoints: the app is down while every object looks fine), and
 * a workload whose pods would stop mounting a PVC they mount now.
 */
final class Preflight {
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    private Preflight() {
    }

    /** @param desired every object of the chart: templates of workloads the plan refused still count */
    static void check(List<Change> changes, Map<String, DesiredObject> desired, boolean force, List<String> problems,
            List<String> notes) {
        Map<String, Map<?, ?>> templates = new LinkedHashMap<>();
        for (DesiredObject d : desired.values()) {
            if (WORKLOADS.contains(d.kind())) {
                Object labels = Trees.at(d.body(), List.of("spec", "template", "metadata", "labels"));
                templates.put(d.kind() + "/" + d.key().name(), labels instanceof Map<?, ?> m ? m : Map.of());
            }
        }
        for (Change c : changes) {
            if (WORKLOADS.contains(c.key().kind()) && c.after() != null && c.kind() != ChangeKind.DELETE
                    && c.kind() != ChangeKind.RETAIN) {
                Object labels = Trees.at(c.after(), List.of("spec", "template", "metadata", "labels"));
                templates.put(c.key().kind() + "/" + c.key().name(), labels instanceof Map<?, ?> m ? m : Map.of());
            }
        }
        for (Change c : changes) {
            if (c.after() == null || c.kind() == ChangeKind.DELETE || c.kind() == ChangeKind.RETAIN) {
                continue;
            }
            if (c.key().kind().equals("Service")) {
                services(c, templates, problems, notes);
            }
            if (WORKLOADS.contains(c.key().kind()) && c.before() != null) {
                mounts(c, force, problems, notes);
            }
        }
    }

    private static void services(Change c, Map<String, Map<?, ?>> templates, List<String> problems,
            List<String> notes) {
        if (!(Trees.at(c.after(), List.of("spec", "selector")) instanceof Map<?, ?> selector) || selector.isEmpty()
                || "ExternalName".equals(Trees.at(c.after(), List.of("spec", "type")))) {
            return;
        }
        boolean matches = templates.values().stream()
                .anyMatch(labels -> selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey()))));
        if (matches) {
            return;
        }
        String what = c.key() + ": its selector " + selector + " would match no pod template of this release ("
                + templates.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList() + ")";
        if (c.before() != null && !selector.equals(Trees.at(c.before(), List.of("spec", "selector")))) {
            problems.add(what + "; the Service would have no endpoints and the app behind it would be down. Make the "
                    + "selector labels a subset of a pod template's labels.");
        } else if (!templates.isEmpty()) {
            notes.add(what + "; fine only if its pods come from outside the release");
        }
    }

    private static void mounts(Change c, boolean force, List<String> problems, List<String> notes) {
        Set<String> lost = claims(c.before());
        lost.removeAll(claims(c.after()));
        if (lost.isEmpty()) {
            return;
        }
        String what = c.key() + ": its pods would no longer mount PersistentVolumeClaim " + String.join(", ", lost)
                + "; the data stays in the claim but the new pods would not see it";
        if (force) {
            notes.add(what + " (--force: going ahead)");
        } else {
            problems.add(what + ". Keep the volume in the pod template, or re-run with --force if that is intended.");
        }
    }

    private static Set<String> claims(Map<String, Object> workload) {
        Set<String> out = new LinkedHashSet<>();
        for (Map<String, Object> v : Trees.mapList(Trees.at(workload, List.of("spec", "template", "spec", "volumes")))) {
            Object claim = Trees.at(v, List.of("persistentVolumeClaim", "claimName"));
            if (claim != null) {
                out.add(claim.toString());
            }
        }
        return out;
    }
}
