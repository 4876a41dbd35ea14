package dev.motospkg.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Server-side apply on Kubernetes 1.20 cannot take a struct out of a pod template when the server
 * defaulted some of its fields: removing a {@code readinessProbe} from the chart leaves
 * {@code failureThreshold}, {@code timeoutSeconds}, ... (owned by nobody) and the apply is refused
 * ("must specify a handler type"). Such structs are removed first with a strategic merge patch of
 * nulls, which the server understands for its own kinds.
 */
public final class RemovedStructs {
    /** Kinds whose pod template the server strategic-merges (CRDs do not support it). */
    private static final Set<String> KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job",
            "Pod");
    /** Lists the server merges by element name: only through these can one element's field be nulled. */
    private static final Set<String> NAMED_LISTS = Set.of("containers", "initContainers", "volumes");

    private RemovedStructs() {
    }

    /**
     * The strategic merge patch nulling every map that {@code previous} (what motospkg applied) had,
     * {@code desired} no longer has and {@code live} still has; empty when there is none.
     */
    public static Map<String, Object> patch(String kind, Map<String, Object> previous, Map<String, Object> desired,
            Map<String, Object> live) {
        if (!KINDS.contains(kind) || previous == null || live == null) {
            return Map.of();
        }
        return removals(previous, desired, live);
    }

    /** {@code desired} with the removal's nulls merged in: one strategic merge patch doing both (a preview). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> withRemovals(Map<String, Object> desired, Map<String, Object> removal) {
        Map<String, Object> out = new LinkedHashMap<>(desired);
        for (Map.Entry<String, Object> e : removal.entrySet()) {
            Object mine = out.get(e.getKey());
            if (e.getValue() instanceof Map<?, ?> r && mine instanceof Map<?, ?> m) {
                out.put(e.getKey(), withRemovals((Map<String, Object>) m, (Map<String, Object>) r));
            } else if (e.getValue() instanceof List<?> r && mine instanceof List<?> m) {
                List<Object> merged = new ArrayList<>();
                for (Object element : m) {
                    Object match = named(r, element);
                    merged.add(match instanceof Map<?, ?> rm && element instanceof Map<?, ?> em
                            ? withRemovals((Map<String, Object>) em, (Map<String, Object>) rm) : element);
                }
                out.put(e.getKey(), merged);
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> removals(Map<String, Object> previous, Map<String, Object> desired,
            Map<String, Object> live) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : previous.entrySet()) {
            String key = e.getKey();
            Object want = desired == null ? null : desired.get(key);
            Object have = live.get(key);
            if (e.getValue() instanceof Map<?, ?> p && have instanceof Map<?, ?> l) {
                if (want == null) {
                    out.put(key, null);
                } else if (want instanceof Map<?, ?> w) {
                    Map<String, Object> sub = removals((Map<String, Object>) p, (Map<String, Object>) w,
                            (Map<String, Object>) l);
                    if (!sub.isEmpty()) {
                        out.put(key, sub);
                    }
                }
            } else if (NAMED_LISTS.contains(key) && e.getValue() instanceof List<?> p && want instanceof List<?> w
                    && have instanceof List<?> l) {
                List<Object> elements = new ArrayList<>();
                for (Object element : p) {
                    if (named(w, element) instanceof Map<?, ?> we && named(l, element) instanceof Map<?, ?> le) {
                        Map<String, Object> sub = removals((Map<String, Object>) element, (Map<String, Object>) we,
                                (Map<String, Object>) le);
                        if (!sub.isEmpty()) {
                            Map<String, Object> keyed = new LinkedHashMap<>();
                            keyed.put("name", ((Map<?, ?>) element).get("name"));
                            keyed.putAll(sub);
                            elements.add(keyed);
                        }
                    }
                }
                if (!elements.isEmpty()) {
                    out.put(key, elements);
                }
            }
        }
        return out;
    }

    private static Object named(List<?> list, Object element) {
        if (!(element instanceof Map<?, ?> m) || m.get("name") == null) {
            return null;
        }
        for (Object o : list) {
            if (o instanceof Map<?, ?> candidate && m.get("name").equals(candidate.get("name"))) {
                return o;
            }
        }
        return null;
    }
}
