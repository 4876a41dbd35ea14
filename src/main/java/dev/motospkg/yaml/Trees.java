package dev.motospkg.yaml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers over plain YAML/JSON trees (maps, lists, scalars). */
public final class Trees {
    private Trees() {
    }

    public static Object at(Object root, List<?> path) {
        Object cur = root;
        for (Object step : path) {
            if (cur instanceof Map<?, ?> map) {
                cur = map.get(step);
            } else if (cur instanceof List<?> list && step instanceof Integer i) {
                cur = i >= 0 && i < list.size() ? list.get(i) : null;
            } else {
                return null;
            }
        }
        return cur;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> mapList(Object value) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map) {
                    out.add((Map<String, Object>) o);
                }
            }
        }
        return out;
    }

    /**
     * Deep copy into LinkedHashMap/ArrayList so callers may mutate freely, with plain scalars:
     * String for any text, Long for integers, Double for decimals. Trees then compare equal whether
     * they came from SnakeYAML (Integer), Jackson (Long, BigInteger) or a template engine's wrappers.
     */
    @SuppressWarnings("unchecked")
    public static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof CharSequence text && !(value instanceof String)) {
            return (T) text.toString();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger) {
            return (T) Long.valueOf(((Number) value).longValue());
        }
        if (value instanceof Float || value instanceof java.math.BigDecimal) {
            return (T) Double.valueOf(((Number) value).doubleValue());
        }
        return value;
    }
}
