package dev.motospkg.action;

import dev.motospkg.diff.Change;
import dev.motospkg.diff.ChangeKind;
import dev.motospkg.yaml.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Changes that can lose data, so that a {@code risky} step (the backup) runs before them: a PVC
 * changes, or a workload that mounts a PVC runs another image (a new postgres, or a backend whose
 * migrations then run).
 */
final class Risk {
    private static final List<String> WORKLOADS = List.of("Deployment", "StatefulSet", "DaemonSet");

    private Risk() {
    }

    /** Why the plan risks data, one phrase per object; empty when it does not. */
    static List<String> reasons(Plan plan) {
        List<String> out = new ArrayList<>();
        for (Change c : plan.changes()) {
            if (c.kind() != ChangeKind.UPDATE && c.kind() != ChangeKind.REPLACE) {
                continue;
            }
            String kind = c.key().kind();
            if (kind.equals("PersistentVolumeClaim")) {
                out.add(kind + "/" + c.key().name() + " changes");
            } else if (WORKLOADS.contains(kind) && mountsVolumeClaim(c.after())
                    && !images(c.before()).equals(images(c.after()))) {
                out.add(kind + "/" + c.key().name() + " changes image to " + String.join(", ", images(c.after())));
            }
        }
        return out;
    }

    /** The images of a pod template's containers (init containers first): a workload's or a Job's. */
    static List<String> images(Map<String, Object> workload) {
        List<String> out = new ArrayList<>();
        for (String list : List.of("initContainers", "containers")) {
            for (Map<String, Object> c : Trees.mapList(Trees.at(workload, List.of("spec", "template", "spec", list)))) {
                out.add(String.valueOf(c.get("image")));
            }
        }
        return out;
    }

    private static boolean mountsVolumeClaim(Map<String, Object> workload) {
        return Trees.mapList(Trees.at(workload, List.of("spec", "template", "spec", "volumes"))).stream()
                .anyMatch(v -> v.get("persistentVolumeClaim") != null);
    }
}
