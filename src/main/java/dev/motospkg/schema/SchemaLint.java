package dev.motospkg.schema;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Cheap checks for authoring mistakes networknt accepts silently (a misspelt {@code type}, a {@code required} that is
 * not a list). Full meta-schema validation would cost a second schema compilation on every CLI call.
 */
final class SchemaLint {
    private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "object", "array",
            "null");
    /** Keywords whose values are data, not subschemas. */
    private static final Set<String> DATA = Set.of("enum", "const", "default", "examples", "x-message",
            "errorMessage", "description", "title", "$comment");

    private SchemaLint() {
    }

    /** The first problem as "at /json/pointer: what", or null. */
    static String check(JsonNode schema) {
        return check(schema, "");
    }

    private static String check(JsonNode node, String pointer) {
        if (node.isObject()) {
            JsonNode type = node.get("type");
            if (type != null) {
                if (type.isString() && !TYPES.contains(type.asString())) {
                    return at(pointer) + "unknown type \"" + type.asString() + "\" (use one of " + String.join(", ",
                            new java.util.TreeSet<>(TYPES)) + ")";
                }
                if (type.isArray()) {
                    for (JsonNode t : type) {
                        if (!t.isString() || !TYPES.contains(t.asString())) {
                            return at(pointer) + "unknown type " + t;
                        }
                    }
                } else if (!type.isString()) {
                    return at(pointer) + "\"type\" must be a string or a list of strings";
                }
            }
            JsonNode required = node.get("required");
            if (required != null && !(required.isArray() && required.valueStream().allMatch(JsonNode::isString))) {
                return at(pointer) + "\"required\" must be a list of key names";
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (DATA.contains(e.getKey()) || e.getKey().startsWith("x-")) {
                    continue;
                }
                if (e.getKey().equals("properties") || e.getKey().equals("$defs")
                        || e.getKey().equals("patternProperties") || e.getKey().equals("dependentSchemas")) {
                    // a map of names to subschemas: the names are data, the values schemas
                    if (e.getValue().isObject()) {
                        for (Map.Entry<String, JsonNode> sub : e.getValue().properties()) {
                            String problem = check(sub.getValue(),
                                    pointer + "/" + escape(e.getKey()) + "/" + escape(sub.getKey()));
                            if (problem != null) {
                                return problem;
                            }
                        }
                    }
                    continue;
                }
                String problem = check(e.getValue(), pointer + "/" + escape(e.getKey()));
                if (problem != null) {
                    return problem;
                }
            }
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                String problem = check(item, pointer + "/" + i++);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String at(String pointer) {
        return "at " + (pointer.isEmpty() ? "the top level" : pointer) + ": ";
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
