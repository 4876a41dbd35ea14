package dev.motospkg.values;

import dev.motospkg.io.UserFiles;
import dev.motospkg.yaml.Trees;
import dev.motospkg.yaml.YamlCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Layers values as Helm does: chart defaults, then (on upgrade) the values the release already had,
 * then each {@code -f} file in order, then {@code --set}/{@code --set-string}/{@code --set-file} in
 * order. A null value (in a file or {@code --set a=null}) deletes the key.
 */
public final class ValuesAssembler {
    private final YamlCodec yaml;
    private final SetParser setParser;
    private final Function<Path, String> fileReader;

    public ValuesAssembler(YamlCodec yaml, SetParser setParser, Function<Path, String> fileReader) {
        this.yaml = yaml;
        this.setParser = setParser;
        this.fileReader = fileReader;
    }

    /** A named layer of values already in memory, e.g. the chart defaults or a release's values. */
    public record Layer(String origin, Map<String, Object> values) {
    }

    public MergedValues assemble(Layer defaults, Layer previous, ValuesRequest request, LeafResolver resolver) {
        ValueOrigins origins = new ValueOrigins();
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, Object> user = new LinkedHashMap<>();
        overlay(merged, defaults.values(), new ArrayList<>(), defaults.origin(), origins);
        if (previous != null) {
            overlay(merged, previous.values(), new ArrayList<>(), previous.origin(), origins);
            overlay(user, previous.values(), new ArrayList<>(), previous.origin(), null);
        }
        for (Path file : request.files()) {
            String name = UserFiles.display(file);
            Map<String, Object> layer = yaml.parseMap(fileReader.apply(file), name);
            overlay(merged, layer, new ArrayList<>(), name, origins);
            overlay(user, layer, new ArrayList<>(), name, null);
        }
        for (SetArg arg : request.sets()) {
            List<Assignment> assignments = setParser.parse(arg.text(), arg.mode(), fileReader);
            Assignments.apply(merged, assignments, resolver);
            Assignments.apply(user, assignments, resolver);
            keepTombstones(user, assignments);
            for (Assignment a : assignments) {
                origins.record(a.path(), a.origin());
            }
        }
        return new MergedValues(merged, user, origins);
    }

    /**
     * {@code --set a=null} removes the key from the merged values; the user's own layer keeps it as
     * null so that an upgrade reusing these values removes it from the defaults again.
     */
    @SuppressWarnings("unchecked")
    private static void keepTombstones(Map<String, Object> user, List<Assignment> assignments) {
        for (Assignment a : assignments) {
            if (!a.value().isNull() || !(a.path().get(a.path().size() - 1) instanceof String key)) {
                continue;
            }
            Map<String, Object> parent = user;
            for (Object step : a.path().subList(0, a.path().size() - 1)) {
                Object next = step instanceof String k ? parent.get(k) : null;
                if (!(next instanceof Map)) {
                    next = new LinkedHashMap<String, Object>();
                    parent.put(String.valueOf(step), next);
                }
                parent = (Map<String, Object>) next;
            }
            parent.put(key, null);
        }
    }

    /** Helm's coalesce: maps merge key by key, anything else replaces, null removes. */
    @SuppressWarnings("unchecked")
    private static void overlay(Map<String, Object> base, Map<String, Object> layer, List<Object> path,
            String origin, ValueOrigins origins) {
        for (Map.Entry<String, Object> e : layer.entrySet()) {
            path.add(e.getKey());
            Object value = e.getValue();
            if (value == null) {
                // The user's own layer keeps the tombstone so an upgrade that reuses it deletes the key again.
                if (origins == null) {
                    base.put(e.getKey(), null);
                } else {
                    base.remove(e.getKey());
                }
            } else if (value instanceof Map && base.get(e.getKey()) instanceof Map) {
                overlay((Map<String, Object>) base.get(e.getKey()), (Map<String, Object>) value, path, origin, origins);
            } else {
                base.put(e.getKey(), Trees.deepCopy(value));
                if (origins != null) {
                    origins.record(path, origin);
                }
            }
            path.remove(path.size() - 1);
        }
    }
}
