package dev.motospkg.values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compact builders for expected value trees (nulls allowed). */
final class Trees {
    private Trees() {
    }

    static Map<String, Object> m(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static List<Object> l(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    /** Deep mutable copy, so a table's input tree survives being applied onto. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, copy(v)));
            return (T) out;
        }
        if (tree instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return tree;
    }

    /** Parses with the mode and applies with Helm guessing onto a copy of {@code start}. */
    static Map<String, Object> applied(Map<String, Object> start, String argument, SetMode mode) {
        Map<String, Object> tree = copy(start);
        Assignments.apply(tree, new SetParser().parse(argument, mode, p -> {
            throw new AssertionError("no file reads expected");
        }), LeafResolver.helmGuessing());
        return tree;
    }
}
