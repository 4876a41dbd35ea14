package dev.motospkg.apply;

import dev.motospkg.yaml.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Taking over the fields {@code kubectl apply} (client-side) owns, as client-go's csaupgrade does:
 * kubectl's Update entries in managedFields are merged into motospkg's Apply entry, so the next
 * server-side apply of the chart removes every field kubectl set that the chart does not set (the
 * last-applied annotation, {@code app: X} labels and selector keys, inline {@code value:} env).
 * Without it, server-side apply merges the chart into kubectl's object instead of replacing it.
 */
public final class ClientSideOwnership {
    /** kubectl's client-side apply, and the server's name for fields set before the first server-side apply. */
    public static final List<String> CLIENT_SIDE_MANAGERS = List.of("kubectl-client-side-apply", "before-first-apply");
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private ClientSideOwnership() {
    }

    /** Whether a client-side manager still owns fields of the live object. */
    public static boolean present(Map<String, Object> live) {
        return managedFields(live).stream().anyMatch(e -> isClientSide(e, null));
    }

    /**
     * The managedFields with every client-side manager folded into {@code manager}'s Apply entry
     * (converting the most recent client-side entry into it when there is none yet); the input is
     * not changed.
     */
    public static List<Map<String, Object>> takenOver(List<Map<String, Object>> managedFields, String manager) {
        List<Map<String, Object>> entries = new ArrayList<>();
        managedFields.forEach(e -> entries.add(Trees.deepCopy(e)));
        for (String csa : CLIENT_SIDE_MANAGERS) {
            int target = indexOf(entries, e -> manager.equals(e.get("manager")) && "Apply".equals(e.get("operation"))
                    && noSubresource(e));
            if (target < 0) {
                // the server lists the most recent entry first
                target = indexOf(entries, e -> isClientSide(e, csa));
                if (target < 0) {
                    continue;
                }
                entries.get(target).put("manager", manager);
                entries.get(target).put("operation", "Apply");
            }
            Map<String, Object> into = entries.get(target);
            int same = indexOf(entries, e -> isClientSide(e, csa) && String.valueOf(e.get("apiVersion"))
                    .equals(String.valueOf(into.get("apiVersion"))));
            if (same >= 0) {
                into.put("fieldsV1", union(fields(into), fields(entries.get(same))));
            }
            entries.removeIf(e -> isClientSide(e, csa));
        }
        return entries;
    }

    /**
     * The JSON merge patch that turns {@code live} into what a server-side apply of {@code desired}
     * stores after the takeover: the desired fields, and null for each field only this tool or a
     * client-side manager owns that {@code desired} leaves out. Used for a dry-run preview, since a
     * dry-run cannot see managedFields rewritten by another dry-run. Lists are replaced whole, which
     * is what apply does to lists kubectl wrote (their elements are all kubectl's).
     */
    public static Map<String, Object> previewPatch(Map<String, Object> live, Map<String, Object> desired,
            String manager) {
        Map<String, Object> ours = new LinkedHashMap<>();
        Map<String, Object> others = new LinkedHashMap<>();
        for (Map<String, Object> e : managedFields(live)) {
            boolean mine = isClientSide(e, null)
                    || manager.equals(e.get("manager")) && "Apply".equals(e.get("operation")) && noSubresource(e);
            if (mine) {
                ours = union(ours, fields(e));
            } else {
                others = union(others, fields(e));
            }
        }
        return patch(ours, others, desired, live);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> patch(Map<String, Object> ours, Map<String, Object> others,
            Map<String, Object> desired, Map<String, Object> live) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : desired.entrySet()) {
            String key = e.getKey();
            if (e.getValue() instanceof Map<?, ?> want && live.get(key) instanceof Map<?, ?> have) {
                out.put(key, patch(child(ours, key), child(others, key), (Map<String, Object>) want,
                        (Map<String, Object>) have));
            } else {
                out.put(key, e.getValue());
            }
        }
        for (String field : ours.keySet()) {
            if (!field.startsWith("f:")) {
                continue;
            }
            String key = field.substring(2);
            if (desired.containsKey(key) || !live.containsKey(key)) {
                continue;
            }
            Map<String, Object> othersChild = child(others, key);
            if (!others.containsKey(field)) {
                out.put(key, null);
            } else if (live.get(key) instanceof Map<?, ?> have) {
                Map<String, Object> sub = patch(child(ours, key), othersChild, Map.of(), (Map<String, Object>) have);
                if (!sub.isEmpty()) {
                    out.put(key, sub);
                }
            }
        }
        return out;
    }

    /** The union of two fieldsV1 tries (a deep merge of their maps). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> union(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> out = Trees.deepCopy(a);
        for (Map.Entry<String, Object> e : b.entrySet()) {
            Object mine = out.get(e.getKey());
            if (mine instanceof Map<?, ?> m && e.getValue() instanceof Map<?, ?> theirs) {
                out.put(e.getKey(), union((Map<String, Object>) m, (Map<String, Object>) theirs));
            } else if (mine == null) {
                out.put(e.getKey(), e.getValue() instanceof Map<?, ?> theirs
                        ? Trees.deepCopy((Map<String, Object>) theirs) : e.getValue());
            }
        }
        return out;
    }

    private static boolean isClientSide(Map<String, Object> entry, String name) {
        Object manager = entry.get("manager");
        boolean named = name == null ? CLIENT_SIDE_MANAGERS.contains(String.valueOf(manager)) : name.equals(manager);
        return named && "Update".equals(entry.get("operation")) && noSubresource(entry);
    }

    private static boolean noSubresource(Map<String, Object> entry) {
        Object sub = entry.get("subresource");
        return sub == null || "".equals(sub);
    }

    private static int indexOf(List<Map<String, Object>> entries, java.util.function.Predicate<Map<String, Object>> p) {
        for (int i = 0; i < entries.size(); i++) {
            if (p.test(entries.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<String, Object> entry) {
        return entry.get("fieldsV1") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> trie, String key) {
        return trie.get("f:" + key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Map<String, Object>> managedFields(Map<String, Object> live) {
        return Trees.mapList(Trees.at(live, List.of("metadata", "managedFields")));
    }
}
