package dev.motospkg.diff;

import dev.motospkg.yaml.Trees;
import java.util.List;
import java.util.Map;

/**
 * Reads server-side-apply managedFields to say who last set a field: that is how a diff names the
 * {@code kubectl scale} or {@code kubectl edit} it is about to revert.
 */
public final class FieldOwners {
    private FieldOwners() {
    }

    /** The manager owning the field at {@code path} in the live object, or null when none is recorded. */
    public static String owner(Map<String, Object> live, List<Object> path) {
        String found = null;
        for (Map<String, Object> entry : Trees.mapList(Trees.at(live, List.of("metadata", "managedFields")))) {
            Object fields = entry.get("fieldsV1");
            if (fields instanceof Map<?, ?> f && owns(f, path, 0)) {
                // Later entries are more recent writers of overlapping sets; keep the last one.
                found = String.valueOf(entry.get("manager"));
            }
        }
        return found;
    }

    private static boolean owns(Map<?, ?> fields, List<Object> path, int i) {
        if (i == path.size()) {
            return true;
        }
        Object step = path.get(i);
        if (step instanceof String key) {
            Object child = fields.get("f:" + key);
            return child instanceof Map<?, ?> m && owns(m, path, i + 1);
        }
        // A list element: fieldsV1 keys it by merge key (k:{...}) or value (v:...), not index; any
        // owned element under this list counts, which is exact for the one-element lists we meet.
        for (Map.Entry<?, ?> e : fields.entrySet()) {
            String k = String.valueOf(e.getKey());
            if ((k.startsWith("k:") || k.startsWith("i:") || k.startsWith("v:")) && e.getValue() instanceof Map<?, ?> m
                    && owns(m, path, i + 1)) {
                return true;
            }
        }
        return false;
    }
}
