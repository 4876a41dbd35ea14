package dev.motospkg.kube;

import dev.motospkg.yaml.Trees;
import java.util.List;
import java.util.Map;

/** Tree helpers for server objects: reading strings, and normalizing what Jackson produced. */
final class KubeTrees {

    private KubeTrees() {
    }

    static String string(Map<String, Object> tree, Object... path) {
        Object value = Trees.at(tree, List.of(path));
        return value == null ? null : value.toString();
    }

    /** Plain trees (String, Long, Double, Boolean scalars) whatever number types Jackson chose. */
    static Object normalize(Object value) {
        return Trees.deepCopy(value);
    }
}
