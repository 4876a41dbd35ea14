package dev.motospkg.diff;

import dev.motospkg.yaml.Trees;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Hides secrets in everything a diff prints: Secret {@code data}/{@code stringData} become their size
 * (and whether they changed), and every value the schema marks sensitive is replaced wherever it
 * appears, in clear or base64.
 */
public final class Redaction {
    public static final String MASK = "******";
    private final List<String> secrets;
    private final boolean show;

    /** @param sensitiveValues values to hide wherever they appear; very short ones are ignored */
    public Redaction(Set<String> sensitiveValues, boolean show) {
        List<String> all = new ArrayList<>();
        for (String s : sensitiveValues) {
            if (s != null && s.length() >= 3) {
                all.add(s);
                all.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
            }
        }
        all.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(all);
        this.show = show;
    }

    public static Redaction none() {
        return new Redaction(Set.of(), true);
    }

    /** A change as it may be printed. */
    public Change apply(Change change) {
        if (show || !"Secret".equals(change.key().kind())) {
            return change;
        }
        Map<String, Object> before = change.before() == null ? null : Trees.deepCopy(change.before());
        Map<String, Object> after = change.after() == null ? null : Trees.deepCopy(change.after());
        for (String field : List.of("data", "stringData")) {
            maskPair(field, before, after);
        }
        List<FieldChange> fields = new ArrayList<>();
        for (FieldChange f : change.fields()) {
            boolean secretField = f.path().startsWith("data.") || f.path().startsWith("stringData.")
                    || f.path().equals("data") || f.path().equals("stringData");
            fields.add(secretField ? new FieldChange(f.path(), size(f.before()), changedSize(f.before(), f.after()),
                    f.manager()) : f);
        }
        return new Change(change.kind(), change.key(), before, after, fields);
    }

    /** Replaces sensitive values in text that is about to be printed. */
    public String scrub(String text) {
        if (show) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void maskPair(String field, Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> b = before != null && before.get(field) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        Map<String, Object> a = after != null && after.get(field) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        Map<String, Object> maskedB = new LinkedHashMap<>();
        Map<String, Object> maskedA = new LinkedHashMap<>();
        if (b != null) {
            b.forEach((k, v) -> maskedB.put(k, size(v)));
        }
        if (a != null) {
            a.forEach((k, v) -> maskedA.put(k, b == null ? size(v) : changedSize(b.get(k), v)));
        }
        if (b != null) {
            before.put(field, maskedB);
        }
        if (a != null) {
            after.put(field, maskedA);
        }
    }

    private static Object size(Object value) {
        if (value == null) {
            return null;
        }
        return "(hidden: " + decodedLength(value.toString()) + " bytes)";
    }

    private static Object changedSize(Object before, Object after) {
        if (after == null) {
            return null;
        }
        Object masked = size(after);
        return before != null && !Objects.equals(before, after) && Objects.equals(size(before), masked)
                ? "(hidden: " + decodedLength(after.toString()) + " bytes, changed)" : masked;
    }

    private static int decodedLength(String s) {
        try {
            return Base64.getDecoder().decode(s).length;
        } catch (IllegalArgumentException e) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
