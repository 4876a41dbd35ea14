package dev.motospkg.diff;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Leaf-level differences between two plain trees, with paths people can read. */
public final class TreeDiff {
    private TreeDiff() {
    }

    /** Each entry: path elements (String keys, Integer indexes), before, after. */
    public record Leaf(List<Object> path, Object before, Object after) {

        public String pathText() {
            StringBuilder sb = new StringBuilder();
            for (Object p : path) {
                if (p instanceof Integer i) {
                    sb.append('[').append(i).append(']');
                } else {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(p);
                }
            }
            return sb.toString();
        }
    }

    public static List<Leaf> leaves(Object before, Object after) {
        List<Leaf> out = new ArrayList<>();
        walk(new ArrayList<>(), before, after, out);
        return out;
    }

    private static void walk(List<Object> path, Object before, Object after, List<Leaf> out) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            Set<Object> keys = new LinkedHashSet<>(b.keySet());
            keys.addAll(a.keySet());
            for (Object k : keys) {
                path.add(String.valueOf(k));
                walk(path, b.get(k), a.get(k), out);
                path.remove(path.size() - 1);
            }
            return;
        }
        if (before instanceof List<?> b && after instanceof List<?> a && b.size() == a.size()) {
            for (int i = 0; i < b.size(); i++) {
                path.add(i);
                walk(path, b.get(i), a.get(i), out);
                path.remove(path.size() - 1);
            }
            return;
        }
        out.add(new Leaf(List.copyOf(path), before, after));
    }
}
