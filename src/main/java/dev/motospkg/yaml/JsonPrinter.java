package dev.motospkg.yaml;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/** Prints plain trees as indented JSON for {@code -o json}. */
public final class JsonPrinter {
    private JsonPrinter() {
    }

    public static String print(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object value, int depth) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Map<?, ?> map) {
            writeEntries(sb, '{', '}', map.entrySet().iterator(), map.isEmpty(), depth, true);
        } else if (value instanceof Collection<?> list) {
            writeEntries(sb, '[', ']', list.iterator(), list.isEmpty(), depth, false);
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else {
            string(sb, value.toString());
        }
    }

    private static void writeEntries(StringBuilder sb, char open, char close, Iterator<?> it, boolean empty, int depth,
            boolean isMap) {
        sb.append(open);
        if (empty) {
            sb.append(close);
            return;
        }
        String indent = "  ".repeat(depth + 1);
        while (it.hasNext()) {
            Object item = it.next();
            sb.append('\n').append(indent);
            if (isMap) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) item;
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), depth + 1);
            } else {
                write(sb, item, depth + 1);
            }
            if (it.hasNext()) {
                sb.append(',');
            }
        }
        sb.append('\n').append("  ".repeat(depth)).append(close);
    }

    /** A JSON string literal: double quotes, escapes for quotes, backslashes and control characters. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        string(sb, s);
        return sb.toString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
