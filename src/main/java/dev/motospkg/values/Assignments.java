package dev.motospkg.values;

import dev.motospkg.error.MotosException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@link Assignment}s in order onto a mutable nested tree of {@link Map}s
 * ({@link LinkedHashMap}) and {@link List}s ({@link ArrayList}), as Helm merges {@code --set} values.
 *
 * <ul>
 *   <li>Missing (or null) intermediate maps and lists are created; an index beyond a list's size
 *       pads it with nulls.</li>
 *   <li>A null value ({@link SetValue#isNull()}, i.e. {@code --set a=null}) removes the key; at a list
 *       index it sets the element to null. A path that does not exist is left alone.</li>
 *   <li>Walking through an existing scalar (or a list where a map is needed, or vice versa) is an
 *       error naming the assignment's origin, as in Helm.</li>
 * </ul>
 */
public final class Assignments {

    private Assignments() {
    }

    public static void apply(Map<String, Object> tree, List<Assignment> assignments, LeafResolver resolver) {
        for (Assignment assignment : assignments) {
            if (assignment.value().isNull()) {
                remove(tree, assignment.path());
            } else {
                set(tree, assignment, resolver.resolve(assignment.path(), assignment.value()));
            }
        }
    }

    private static void set(Map<String, Object> tree, Assignment assignment, Object leaf) {
        List<Object> path = assignment.path();
        Object container = tree;
        for (int i = 0; i < path.size() - 1; i++) {
            Object existing = get(container, path.get(i));
            boolean wantList = path.get(i + 1) instanceof Integer;
            if (existing == null) {
                existing = wantList ? new ArrayList<>() : new LinkedHashMap<String, Object>();
                put(container, path.get(i), existing);
            } else if (wantList ? !(existing instanceof List) : !(existing instanceof Map)) {
                throw conflict(assignment, i + 1, existing, wantList);
            }
            container = existing;
        }
        put(container, path.get(path.size() - 1), leaf);
    }

    private static void remove(Map<String, Object> tree, List<Object> path) {
        Object container = tree;
        for (int i = 0; i < path.size() - 1; i++) {
            container = get(container, path.get(i));
            if (!(container instanceof Map) && !(container instanceof List)) {
                return;
            }
        }
        Object last = path.get(path.size() - 1);
        if (container instanceof Map<?, ?> map && last instanceof String key) {
            map.remove(key);
        } else if (container instanceof List<?> list && last instanceof Integer index && index < list.size()) {
            list.set(index, null);
        }
    }

    /** The child at key/index, or null when absent or when the container kind does not match. */
    private static Object get(Object container, Object key) {
        if (container instanceof Map<?, ?> map && key instanceof String) {
            return map.get(key);
        }
        if (container instanceof List<?> list && key instanceof Integer index) {
            return index < list.size() ? list.get(index) : null;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static void put(Object container, Object key, Object value) {
        if (container instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put((String) key, value);
            return;
        }
        List<Object> list = (List<Object>) container;
        int index = (Integer) key;
        while (list.size() <= index) {
            list.add(null);
        }
        list.set(index, value);
    }

    private static MotosException conflict(Assignment assignment, int prefixLength, Object existing, boolean wantList) {
        String at = Assignment.pathText(assignment.path(), prefixLength);
        String origin = assignment.origin();
        int space = origin.indexOf(' ');
        String where = space > 0 ? origin.substring(0, space) + " \"" + origin.substring(space + 1) + "\"" : origin;
        return MotosException.invalid(
                where + ": cannot set " + assignment.pathText() + " because " + at + " is " + describe(existing)
                        + ", not a " + (wantList ? "list" : "map"),
                "Replace the whole value first, e.g. --set " + at + "=null," + assignment.pathText() + "=..."
                        + ", or use a path that matches the existing structure");
    }

    private static String describe(Object value) {
        if (value instanceof String) {
            return "a string";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (value instanceof Number) {
            return "a number";
        } else if (value instanceof List) {
            return "a list";
        } else if (value instanceof Map) {
            return "a map";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
