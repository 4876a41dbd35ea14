package dev.motospkg.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.motospkg.yaml.JsonPrinter;
import dev.motospkg.yaml.YamlCodec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a plan: a summary line, then a unified diff per changed object (or JSON for machines). */
public final class DiffPrinter {
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String CYAN = "\u001b[36m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    /** color: ANSI colours (terminal and no NO_COLOR); context: lines around each change. */
    public record Style(boolean color, int context) {
    }

    private final YamlCodec yaml;

    public DiffPrinter(YamlCodec yaml) {
        this.yaml = yaml;
    }

    /** {@code +2 to create, ~1 to change, -1 to delete, 6 unchanged}; kept objects mentioned when any. */
    public static String summary(List<Change> changes) {
        return summary(changes, 0);
    }

    /** With the objects preflight refused, which are in none of the other counts. */
    public static String summary(List<Change> changes, int refused) {
        Map<ChangeKind, Integer> counts = new EnumMap<>(ChangeKind.class);
        changes.forEach(c -> counts.merge(c.kind(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        for (ChangeKind k : List.of(ChangeKind.CREATE, ChangeKind.UPDATE, ChangeKind.DELETE)) {
            parts.add(k.symbol() + counts.getOrDefault(k, 0) + " " + k.summary());
        }
        if (counts.containsKey(ChangeKind.REPLACE)) {
            parts.add(ChangeKind.REPLACE.symbol() + counts.get(ChangeKind.REPLACE) + " " + ChangeKind.REPLACE.summary());
        }
        if (counts.containsKey(ChangeKind.RETAIN)) {
            parts.add(counts.get(ChangeKind.RETAIN) + " kept");
        }
        parts.add(counts.getOrDefault(ChangeKind.UNCHANGED, 0) + " unchanged");
        if (refused > 0) {
            parts.add(refused + " refused");
        }
        return String.join(", ", parts);
    }

    public void print(List<Change> changes, Redaction redaction, Style style, PrintWriter out) {
        print(changes, 0, redaction, style, out);
    }

    public void print(List<Change> changes, int refused, Redaction redaction, Style style, PrintWriter out) {
        out.println(summary(changes, refused));
        for (Change raw : changes) {
            if (raw.kind() == ChangeKind.UNCHANGED) {
                continue;
            }
            Change c = redaction.apply(raw);
            String header = c.kind().symbol() + " " + c.key() + headerNote(c);
            out.println();
            out.println(style.color() ? BOLD + header + RESET : header);
            if (c.kind() == ChangeKind.RETAIN) {
                continue;
            }
            List<String> before = lines(c.before());
            List<String> after = lines(c.after());
            Patch<String> patch = DiffUtils.diff(before, after);
            List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(c.kind() == ChangeKind.CREATE ? "/dev/null"
                    : "live " + c.key(), c.kind() == ChangeKind.DELETE ? "/dev/null" : "desired " + c.key(),
                    before, patch, style.context());
            for (String line : unified) {
                out.println(colour(redaction.scrub(line), style.color()));
            }
        }
        out.flush();
    }

    public void printJson(List<Change> changes, Redaction redaction, PrintWriter out) {
        printJson(changes, 0, List.of(), redaction, out);
    }

    /** {@code problems}: what preflight refuses, listed so a machine sees the refusal too. */
    public void printJson(List<Change> changes, int refused, List<String> problems, Redaction redaction,
            PrintWriter out) {
        printJson(changes, refused, problems, List.of(), redaction, out);
    }

    /** {@code steps}: the Jobs the command would run as steps, one map each, listed after the changes. */
    public void printJson(List<Change> changes, int refused, List<String> problems, List<Map<String, Object>> steps,
            Redaction redaction, PrintWriter out) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("summary", summary(changes, refused));
        if (!problems.isEmpty()) {
            doc.put("refused", problems);
        }
        List<Object> items = new ArrayList<>();
        for (Change raw : changes) {
            Change c = redaction.apply(raw);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("change", c.kind().name().toLowerCase());
            item.put("apiVersion", c.key().apiVersion());
            item.put("kind", c.key().kind());
            item.put("namespace", c.key().namespace());
            item.put("name", c.key().name());
            List<Object> fields = new ArrayList<>();
            for (FieldChange f : c.fields()) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("path", f.path());
                fm.put("before", f.before());
                fm.put("after", f.after());
                fm.put("changedBy", f.manager());
                fields.add(fm);
            }
            item.put("fields", fields);
            items.add(item);
        }
        doc.put("changes", items);
        if (!steps.isEmpty()) {
            doc.put("steps", steps);
        }
        out.print(redaction.scrub(JsonPrinter.print(doc)));
        out.flush();
    }

    private static String headerNote(Change c) {
        List<FieldChange> reverted = c.reverted();
        if (c.kind() == ChangeKind.RETAIN) {
            return " (no longer in the chart; kept: data is never deleted implicitly)";
        }
        if (c.kind() == ChangeKind.REPLACE) {
            return " (--force: deleted and created again" + (c.key().kind().equals("Service") ? ""
                    : ", its pods restart") + "; shown as the chart renders it, before server defaults)";
        }
        if (reverted.isEmpty()) {
            return "";
        }
        List<String> notes = new ArrayList<>();
        for (FieldChange f : reverted) {
            notes.add(f.path() + " (set by " + f.manager() + ")");
        }
        return "  reverts: " + String.join(", ", notes);
    }

    private List<String> lines(Map<String, Object> tree) {
        if (tree == null) {
            return List.of();
        }
        return List.of(yaml.print(tree).split("\n"));
    }

    private static String colour(String line, boolean color) {
        if (!color) {
            return line;
        }
        if (line.startsWith("+++") || line.startsWith("---")) {
            return BOLD + line + RESET;
        }
        if (line.startsWith("+")) {
            return GREEN + line + RESET;
        }
        if (line.startsWith("-")) {
            return RED + line + RESET;
        }
        return line.startsWith("@@") ? CYAN + line + RESET : line;
    }
}
