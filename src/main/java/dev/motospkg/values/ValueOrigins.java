package dev.motospkg.values;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Remembers which source last wrote each path, so a violation can say where a bad value came from. */
public final class ValueOrigins {
    private final Map<List<Object>, String> byPath = new HashMap<>();

    void record(List<Object> path, String origin) {
        byPath.put(List.copyOf(path), origin);
    }

    /** The source of the value at {@code path}: the nearest recorded path at or above it. */
    public String originOf(List<Object> path) {
        for (int n = path.size(); n >= 0; n--) {
            String origin = byPath.get(path.subList(0, n));
            if (origin != null) {
                return origin;
            }
        }
        return null;
    }
}
