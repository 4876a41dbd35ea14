package dev.motospkg.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** Path rendering and ordering. */
final class Paths {
    static final String ROOT = "(root)";
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private Paths() {
    }

    static String format(List<Object> elements) {
        if (elements.isEmpty()) {
            return ROOT;
        }
        StringBuilder sb = new StringBuilder();
        for (Object e : elements) {
            if (e instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                String key = String.valueOf(e);
                if (PLAIN_KEY.matcher(key).matches()) {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(key);
                } else {
                    sb.append("[\"").append(key.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
                }
            }
        }
        return sb.toString();
    }

    /** Copies a caller-supplied path: numbers become Integer indexes, everything else a String key. */
    static List<Object> normalize(List<?> path) {
        List<Object> out = new ArrayList<>(path.size());
        for (Object e : path) {
            out.add(e instanceof Number n ? (Object) n.intValue() : String.valueOf(e));
        }
        return List.copyOf(out);
    }

    /** Element-wise; indexes numerically and before keys; a prefix sorts before its extensions. */
    static final Comparator<List<Object>> ORDER = (a, b) -> {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c;
            if (x instanceof Integer xi && y instanceof Integer yi) {
                c = Integer.compare(xi, yi);
            } else if (x instanceof Integer) {
                c = -1;
            } else if (y instanceof Integer) {
                c = 1;
            } else {
                c = ((String) x).compareTo((String) y);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };
}
