package dev.motospkg.schema;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Finds the subschemas that may apply to a values path, following properties, patternProperties,
 * additionalProperties, prefixItems, items, local {@code $ref}s and allOf/anyOf/oneOf/if-then-else branches.
 * Results are cached per instance.
 */
final class SchemaWalker {
    private static final List<String> BRANCH_LISTS = List.of("allOf", "anyOf", "oneOf");
    private static final List<String> BRANCHES = List.of("then", "else");

    private final JsonNode root;
    private final Map<List<Object>, List<JsonNode>> candidates = new ConcurrentHashMap<>();
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    SchemaWalker(JsonNode root) {
        this.root = root;
    }

    JsonNode root() {
        return root;
    }

    /** All schema objects that may describe the node at path (empty when the schema says nothing about it). */
    List<JsonNode> candidates(List<Object> path) {
        List<JsonNode> cached = candidates.get(path);
        if (cached != null) {
            return cached;
        }
        List<JsonNode> result;
        if (path.isEmpty()) {
            result = expand(List.of(root));
        } else {
            List<JsonNode> parents = candidates(path.subList(0, path.size() - 1));
            Object element = path.get(path.size() - 1);
            List<JsonNode> children = new ArrayList<>();
            for (JsonNode parent : parents) {
                child(parent, element, children);
            }
            result = expand(children);
        }
        result = Collections.unmodifiableList(result);
        candidates.put(List.copyOf(path), result);
        return result;
    }

    private void child(JsonNode schema, Object element, List<JsonNode> out) {
        if (element instanceof Integer index) {
            JsonNode prefix = schema.get("prefixItems");
            if (prefix != null && prefix.isArray() && index < prefix.size()) {
                out.add(prefix.get(index));
                return;
            }
            JsonNode items = schema.get("items");
            if (items != null && items.isObject()) {
                out.add(items);
            }
            return;
        }
        String key = (String) element;
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.has(key)) {
            out.add(properties.get(key));
            return;
        }
        boolean matched = false;
        JsonNode patternProperties = schema.get("patternProperties");
        if (patternProperties != null && patternProperties.isObject()) {
            for (Map.Entry<String, JsonNode> e : patternProperties.properties()) {
                Pattern p = pattern(e.getKey());
                if (p != null && p.matcher(key).find()) {
                    out.add(e.getValue());
                    matched = true;
                }
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (!matched && additional != null && additional.isObject()) {
            out.add(additional);
        }
    }

    private Pattern pattern(String regex) {
        Pattern p = patterns.get(regex);
        if (p == null) {
            try {
                p = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                p = Pattern.compile("(?!)");
            }
            patterns.put(regex, p);
        }
        return p;
    }

    /** The schemas plus everything they pull in through $ref and combinators, each object schema once. */
    private List<JsonNode> expand(List<JsonNode> schemas) {
        Set<JsonNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode s : schemas) {
            expand(s, seen, out);
        }
        return out;
    }

    private void expand(JsonNode schema, Set<JsonNode> seen, List<JsonNode> out) {
        if (schema == null || !schema.isObject() || !seen.add(schema)) {
            return;
        }
        out.add(schema);
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isString()) {
            expand(resolve(ref.asString()), seen, out);
        }
        for (String k : BRANCH_LISTS) {
            JsonNode list = schema.get(k);
            if (list != null && list.isArray()) {
                for (JsonNode branch : list) {
                    expand(branch, seen, out);
                }
            }
        }
        for (String k : BRANCHES) {
            expand(schema.get(k), seen, out);
        }
    }

    /** A same-document reference ({@code #}, {@code #/json/pointer} or {@code #anchor}); null otherwise. */
    /**
     * A chain of {@code $ref}s and combinators that comes back to where it started without descending
     * into a property or item ({@code {"$ref": "#"}}): validating with it never ends (the validator
     * overflows its stack). Returns the {@code $ref} that closes the loop, or null when there is none.
     * Iterative, so a deep schema cannot overflow here either.
     */
    String inPlaceCycle() {
        Set<JsonNode> done = Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.Deque<JsonNode> all = new java.util.ArrayDeque<>();
        all.push(root);
        while (!all.isEmpty()) {
            JsonNode start = all.pop();
            if (start == null || !start.isObject() || done.contains(start)) {
                continue;
            }
            String loop = cycleFrom(start, done);
            if (loop != null) {
                return loop;
            }
            // every sub-schema starts a chain of its own
            start.properties().forEach(e -> {
                if (e.getValue().isObject()) {
                    all.push(e.getValue());
                } else if (e.getValue().isArray()) {
                    e.getValue().forEach(all::push);
                }
            });
        }
        return null;
    }

    /** Depth-first over in-place edges from start, with the path on an explicit stack. */
    private String cycleFrom(JsonNode start, Set<JsonNode> done) {
        Set<JsonNode> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.Deque<Object[]> stack = new java.util.ArrayDeque<>();
        stack.push(new Object[] {start, inPlace(start).iterator()});
        onPath.add(start);
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            @SuppressWarnings("unchecked")
            java.util.Iterator<JsonNode> next = (java.util.Iterator<JsonNode>) top[1];
            if (!next.hasNext()) {
                stack.pop();
                onPath.remove((JsonNode) top[0]);
                done.add((JsonNode) top[0]);
                continue;
            }
            JsonNode n = next.next();
            if (n == null || !n.isObject() || done.contains(n)) {
                continue;
            }
            if (!onPath.add(n)) {
                JsonNode ref = ((JsonNode) top[0]).get("$ref");
                return ref != null && ref.isString() ? ref.asString() : "(a combinator)";
            }
            stack.push(new Object[] {n, inPlace(n).iterator()});
        }
        return null;
    }

    private List<JsonNode> inPlace(JsonNode schema) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isString()) {
            out.add(resolve(ref.asString()));
        }
        for (String k : BRANCH_LISTS) {
            JsonNode list = schema.get(k);
            if (list != null && list.isArray()) {
                list.forEach(out::add);
            }
        }
        for (String k : List.of("then", "else", "if", "not")) {
            out.add(schema.get(k));
        }
        return out;
    }

    JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            return null;
        }
        String fragment = URLDecoder.decode(ref.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        if (fragment.isEmpty()) {
            return root;
        }
        if (!fragment.startsWith("/")) {
            return findAnchor(root, fragment);
        }
        JsonNode node = root;
        for (String token : fragment.substring(1).split("/", -1)) {
            token = token.replace("~1", "/").replace("~0", "~");
            if (node == null) {
                return null;
            }
            if (node.isArray()) {
                try {
                    node = node.get(Integer.parseInt(token));
                } catch (NumberFormatException e) {
                    return null;
                }
            } else {
                node = node.get(token);
            }
        }
        return node;
    }

    /** Follows a list of schema-location fragment elements from the root. */
    JsonNode at(List<Object> fragment) {
        JsonNode node = root;
        for (Object e : fragment) {
            if (node == null) {
                return null;
            }
            node = e instanceof Integer i ? node.get(i) : node.get(String.valueOf(e));
        }
        return node;
    }

    private static JsonNode findAnchor(JsonNode node, String anchor) {
        if (node.isObject()) {
            JsonNode a = node.get("$anchor");
            if (a != null && a.isString() && a.asString().equals(anchor)) {
                return node;
            }
        }
        if (node.isContainer()) {
            for (JsonNode child : node.values()) {
                JsonNode found = findAnchor(child, anchor);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Union of the "type" declarations (enum/const of only strings count as string) over the candidates. */
    static Set<String> declaredTypes(List<JsonNode> schemas) {
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode s : schemas) {
            JsonNode type = s.get("type");
            if (type != null && type.isString()) {
                types.add(type.asString());
            } else if (type != null && type.isArray()) {
                type.forEach(t -> types.add(t.asString()));
            } else {
                JsonNode en = s.get("enum");
                if (en != null && en.isArray() && en.size() > 0) {
                    en.forEach(v -> types.add(v.isString() ? "string" : v.isNull() ? "null" : "other"));
                }
                JsonNode cn = s.get("const");
                if (cn != null) {
                    types.add(cn.isString() ? "string" : cn.isNull() ? "null" : "other");
                }
            }
        }
        return types;
    }
}
