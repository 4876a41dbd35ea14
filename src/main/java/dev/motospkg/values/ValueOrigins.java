package dev.motospkg.values;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Remembers which source last wrote each path, so a violation can say where a bad value came from. */
public final class ValueOrigins {
    /** In writing order: the last entry for a path is its latest writer. */
    private final Map<List<Object>, String> byPath = new LinkedHashMap<>();

    void record(List<Object> path, String origin) {
        List<Object> key = List.copyOf(path);
        byPath.remove(key);
        byPath.put(key, origin);
    }

    /**
     * The source of the value at {@code path}: the path itself, else the latest writer of anything
     * below it (a --set that created {@code a.typo.b} explains {@code a.typo}), else the nearest
     * recorded path above it.
     */
    public String originOf(List<Object> path) {
        String exact = byPath.get(path);
        if (exact != null) {
            return exact;
        }
        String below = null;
        for (Map.Entry<List<Object>, String> e : byPath.entrySet()) {
            List<Object> p = e.getKey();
            if (p.size() > path.size() && p.subList(0, path.size()).equals(path)) {
                below = e.getValue();
            }
        }
        if (below != null) {
            return below;
        }
        for (int n = path.size() - 1; n >= 0; n--) {
            String origin = byPath.get(path.subList(0, n));
            if (origin != null) {
                return origin;
            }
        }
        return null;
    }
}
