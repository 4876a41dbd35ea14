package dev.motospkg.values;

import java.util.List;

/**
 * One leaf assignment. {@code path} elements are {@link String} map keys or non-negative
 * {@link Integer} list indexes; the first element is always a key. {@code origin} names the flag and
 * the assignment as the user wrote it, e.g. {@code --set a.b=c}.
 */
public record Assignment(List<Object> path, SetValue value, String origin) {

    public Assignment {
        path = List.copyOf(path);
        if (path.isEmpty() || !(path.get(0) instanceof String)) {
            throw new IllegalArgumentException("path must start with a key: " + path);
        }
        for (Object element : path) {
            if (!(element instanceof String) && !(element instanceof Integer i && i >= 0)) {
                throw new IllegalArgumentException("path elements must be keys or indexes >= 0: " + path);
            }
        }
        if (value == null || origin == null) {
            throw new IllegalArgumentException("value and origin are required");
        }
    }

    /** The path in {@code --set} syntax, e.g. {@code servers[0].host}, escaping special key characters. */
    public String pathText() {
        return pathText(path, path.size());
    }

    /** The first {@code length} elements of {@code path} in {@code --set} syntax. */
    static String pathText(List<Object> path, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            Object element = path.get(i);
            if (element instanceof Integer index) {
                out.append('[').append(index).append(']');
                continue;
            }
            if (i > 0) {
                out.append('.');
            }
            for (char c : ((String) element).toCharArray()) {
                if (c == '.' || c == '[' || c == '=' || c == ',' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
