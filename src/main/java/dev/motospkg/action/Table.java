package dev.motospkg.action;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Aligned columns with upper-case headers, as kubectl and helm print them. */
final class Table {
    private Table() {
    }

    static void print(PrintWriter out, List<? extends Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = header(columns.get(i)).length();
            for (Map<String, Object> row : rows) {
                widths[i] = Math.max(widths[i], cell(row.get(columns.get(i))).length());
            }
        }
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            pad(head, header(columns.get(i)), widths[i], i == columns.size() - 1);
        }
        out.println(head.toString().stripTrailing());
        for (Map<String, Object> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                pad(line, cell(row.get(columns.get(i))), widths[i], i == columns.size() - 1);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String header(String key) {
        return key.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    private static String cell(Object o) {
        return o == null ? "" : o.toString();
    }

    private static void pad(StringBuilder sb, String s, int width, boolean last) {
        sb.append(s);
        if (!last) {
            sb.append(" ".repeat(width - s.length() + 3));
        }
    }
}
