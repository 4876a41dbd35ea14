package dev.motospkg.kube;

import dev.motospkg.yaml.Trees;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /**
     * Copies into LinkedHashMap/ArrayList with only String, Long, Double and Boolean scalars, so
     * callers compare numbers without caring whether Jackson chose Integer, Long or BigInteger.
     */
    static Object normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(normalize(v)));
            return copy;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        return value;
    }
}
