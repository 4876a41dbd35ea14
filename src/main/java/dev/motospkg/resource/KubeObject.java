package dev.motospkg.resource;

import java.util.List;
import java.util.Map;

/** One rendered manifest document, as a plain tree, with the template it came from. */
public record KubeObject(String source, Map<String, Object> body) {

    public String apiVersion() {
        return string(body.get("apiVersion"));
    }

    public String kind() {
        return string(body.get("kind"));
    }

    public String name() {
        return string(metadata().get("name"));
    }

    /** Null when the manifest does not state one. */
    public String namespace() {
        Object ns = metadata().get("namespace");
        return ns == null ? null : ns.toString();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> metadata() {
        Object m = body.get("metadata");
        return m instanceof Map ? (Map<String, Object>) m : Map.of();
    }

    /** Reads a nested value by keys and list indexes; null when any step is missing. */
    public Object at(Object... path) {
        return dev.motospkg.yaml.Trees.at(body, List.of(path));
    }

    private static String string(Object o) {
        return o == null ? "" : o.toString();
    }
}
