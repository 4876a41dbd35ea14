package dev.motospkg.schema;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Turns networknt errors into plain-language issues, collapsing anyOf/oneOf noise. */
final class Messages {
    static final String X_MESSAGE = "x-message";
    static final String ERROR_MESSAGE = "errorMessage";
    private static final Set<String> STRUCTURAL = Set.of("type", "unionType", "required", "dependentRequired",
            "additionalProperties", "unevaluatedProperties", "false");
    private static final Set<String> COMBINATORS = Set.of("anyOf", "oneOf");

    /** One problem: where, what, and the offending node (null when nothing is there). */
    record Issue(List<Object> path, String message, JsonNode value) {
    }

    /** A networknt error reduced to what we need. */
    private record Raw(List<Object> instance, List<Object> eval, List<Object> location, String keyword,
                       JsonNode keywordValue, JsonNode instanceNode, String property, Object[] args, String fallback) {
    }

    private final SchemaWalker walker;
    private final Predicate<List<Object>> sensitive;

    private final AbsoluteIri document;

    /** document: IRI of the root schema; locations in other documents (external $refs) are not resolved. */
    Messages(SchemaWalker walker, Predicate<List<Object>> sensitive, AbsoluteIri document) {
        this.walker = walker;
        this.sensitive = sensitive;
        this.document = document;
    }

    List<Issue> translate(List<Error> errors) {
        List<Raw> raws = new ArrayList<>();
        for (Error e : errors) {
            raws.add(new Raw(elements(e.getInstanceLocation()), elements(e.getEvaluationPath()),
                    e.getSchemaLocation() == null
                            || !Objects.equals(e.getSchemaLocation().getAbsoluteIri(), document)
                            ? List.of() : elements(e.getSchemaLocation().getFragment()),
                    e.getKeyword() == null ? "" : e.getKeyword(), e.getSchemaNode(), e.getInstanceNode(),
                    e.getProperty(), e.getArguments() == null ? new Object[0] : e.getArguments(), e.getMessage()));
        }
        return process(raws, 0);
    }

    private static List<Object> elements(NodePath path) {
        List<Object> out = new ArrayList<>();
        if (path == null) {
            return out;
        }
        for (int i = 0; i < path.getNameCount(); i++) {
            Object e = path.getElement(i);
            out.add(e instanceof Number n ? (Object) n.intValue() : String.valueOf(e));
        }
        return out;
    }

    // ---- anyOf / oneOf ------------------------------------------------------------------------------------------

    /** Position of the first anyOf/oneOf at or after offset in the evaluation path, or -1. */
    private static int combinatorAt(Raw r, int offset) {
        for (int i = offset; i < r.eval().size(); i++) {
            Object e = r.eval().get(i);
            if (e instanceof String s && COMBINATORS.contains(s)
                    && (i == r.eval().size() - 1 ? s.equals(r.keyword()) : r.eval().get(i + 1) instanceof Integer)) {
                return i;
            }
        }
        return -1;
    }

    private List<Issue> process(List<Raw> raws, int offset) {
        List<Issue> out = new ArrayList<>();
        Map<List<Object>, List<Raw>> groups = new LinkedHashMap<>();
        for (Raw r : raws) {
            int pos = combinatorAt(r, offset);
            if (pos < 0) {
                out.addAll(translate(r));
            } else {
                groups.computeIfAbsent(r.eval().subList(0, pos + 1), k -> new ArrayList<>()).add(r);
            }
        }
        groups.forEach((prefix, group) -> out.addAll(reduceGroup(prefix, group)));
        return out;
    }

    private List<Issue> reduceGroup(List<Object> prefix, List<Raw> group) {
        int pos = prefix.size() - 1;
        Raw self = null;
        Map<Integer, List<Raw>> branches = new TreeMap<>();
        for (Raw r : group) {
            if (r.eval().size() == prefix.size()) {
                self = r;
            } else {
                branches.computeIfAbsent((Integer) r.eval().get(pos + 1), k -> new ArrayList<>()).add(r);
            }
        }
        if (branches.isEmpty()) {
            return self == null ? List.of() : translate(self); // e.g. oneOf matching several branches
        }
        List<Object> base = self != null ? self.instance()
                : group.stream().map(Raw::instance).min((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
        JsonNode baseValue = self != null ? self.instanceNode() : baseValue(group, base);

        String custom = combinatorMessage(self, group.get(0), pos);
        if (custom != null) {
            return List.of(new Issue(base, custom, baseValue));
        }
        List<Integer> close = new ArrayList<>();
        Set<String> expected = new LinkedHashSet<>();
        for (Map.Entry<Integer, List<Raw>> b : branches.entrySet()) {
            List<Raw> typeMismatches = b.getValue().stream()
                    .filter(r -> isType(r) && r.instance().equals(base)).collect(Collectors.toList());
            if (typeMismatches.isEmpty()) {
                close.add(b.getKey());
            } else {
                typeMismatches.forEach(r -> expected.addAll(types(r.keywordValue())));
            }
        }
        if (close.isEmpty()) {
            return List.of(new Issue(base, typeMessage(expected, baseValue, base), baseValue));
        }
        List<Issue> out = new ArrayList<>();
        for (Integer index : close) {
            out.addAll(process(branches.get(index), pos + 2));
        }
        return out;
    }

    private static JsonNode baseValue(List<Raw> group, List<Object> base) {
        for (Raw r : group) {
            if (r.instance().equals(base)) {
                return r.instanceNode();
            }
        }
        return null;
    }

    /** x-message on the subschema holding the anyOf/oneOf, if it can be located. */
    private String combinatorMessage(Raw self, Raw any, int pos) {
        List<Object> ownerLocation = null;
        if (self != null && !self.location().isEmpty()) {
            ownerLocation = self.location().subList(0, self.location().size() - 1);
        } else {
            List<Object> suffix = any.eval().subList(pos, any.eval().size());
            List<Object> loc = any.location();
            if (!suffix.contains("$ref") && !suffix.contains("$dynamicRef") && loc.size() >= suffix.size()
                    && loc.subList(loc.size() - suffix.size(), loc.size()).equals(suffix)) {
                ownerLocation = loc.subList(0, loc.size() - suffix.size());
            }
        }
        if (ownerLocation == null) {
            return null;
        }
        JsonNode owner = walker.at(ownerLocation);
        return owner == null ? null : customMessage(owner, pos >= 0 ? (String) any.eval().get(pos) : "", false);
    }

    // ---- single errors ------------------------------------------------------------------------------------------

    private static boolean isType(Raw r) {
        return r.keyword().equals("type") || r.keyword().equals("unionType");
    }

    private List<Issue> translate(Raw r) {
        List<Object> at = r.instance();
        JsonNode value = r.instanceNode();
        String custom = customMessage(r);
        switch (r.keyword()) {
            case "required": {
                String key = r.property() != null ? r.property() : String.valueOf(r.args()[0]);
                return List.of(new Issue(append(at, key), custom != null ? custom
                        : "missing required key \"" + key + "\"", null));
            }
            case "dependentRequired": {
                String key = String.valueOf(r.args()[0]);
                String because = r.args().length > 1 ? String.valueOf(r.args()[1]) : null;
                return List.of(new Issue(append(at, key), custom != null ? custom : "missing required key \"" + key
                        + "\"" + (because == null ? "" : " (needed because \"" + because + "\" is set)"), null));
            }
            case "propertyNames": {
                // about one key's name: point at that key (so the --set that wrote it is blamed), in the
                // schema author's words, never the validator's text with the subschema in JSON
                String key = r.property() != null ? r.property() : quotedName(r.fallback());
                JsonNode names = r.keywordValue() != null && r.keywordValue().isObject() ? r.keywordValue()
                        : owner(r) != null ? owner(r).get("propertyNames") : null;
                String why = names == null ? null : text(names.get(X_MESSAGE), names.get(ERROR_MESSAGE));
                JsonNode v = value != null && value.isObject() && key != null ? value.get(key) : null;
                return List.of(new Issue(key == null ? at : append(at, key), (key == null ? "a key" : "key \"" + key
                        + "\"") + " is not allowed here" + (why != null ? ": " + why : ""), v));
            }
            case "additionalProperties":
            case "unevaluatedProperties": {
                String key = r.property() != null ? r.property() : String.valueOf(r.args()[0]);
                JsonNode v = value != null && value.isObject() ? value.get(key) : null;
                return List.of(new Issue(append(at, key), custom != null ? custom : unknownKey(r, key), v));
            }
            default:
                break;
        }
        if (custom != null) {
            return List.of(new Issue(at, custom, value));
        }
        JsonNode kv = r.keywordValue();
        JsonNode owner = owner(r);
        String message;
        switch (r.keyword()) {
            case "type":
            case "unionType":
                message = typeMessage(types(kv), value, at);
                break;
            case "enum":
                message = "must be one of " + join(kv);
                break;
            case "const":
                message = "must be " + kv;
                break;
            case "not":
                message = notMessage(kv);
                break;
            case "pattern":
                message = "does not match pattern " + (kv != null ? kv.asString() : r.args()[0]);
                break;
            case "minimum":
            case "maximum":
            case "exclusiveMinimum":
            case "exclusiveMaximum":
                message = rangeMessage(r.keyword(), kv, owner);
                break;
            case "minLength":
                message = kv != null && kv.asInt() == 1 ? "must not be empty"
                        : "must be at least " + count(kv, "character") + " long";
                break;
            case "maxLength":
                message = "must be at most " + count(kv, "character") + " long";
                break;
            case "minItems":
                message = kv != null && kv.asInt() == 1 ? "must not be empty" : "must have at least " + count(kv, "item");
                break;
            case "maxItems":
                message = "must have at most " + count(kv, "item");
                break;
            case "minProperties":
                message = "must have at least " + count(kv, "key");
                break;
            case "maxProperties":
                message = "must have at most " + count(kv, "key");
                break;
            case "uniqueItems":
                message = "must not contain duplicate items";
                break;
            case "multipleOf":
                message = "must be a multiple of " + kv;
                break;
            case "format":
                message = "is not a valid " + (kv != null ? kv.asString() : "value");
                break;
            case "false":
                message = "is not allowed here";
                break;
            case "oneOf":
                message = "matches more than one of the allowed forms";
                break;
            case "anyOf":
                message = "does not match any of the allowed forms";
                break;
            default:
                message = r.fallback();
                break;
        }
        return List.of(new Issue(at, message, value));
    }

    private String unknownKey(Raw r, String key) {
        Set<String> known = new LinkedHashSet<>();
        JsonNode owner = owner(r);
        if (owner != null && owner.path("properties").isObject()) {
            known.addAll(owner.path("properties").propertyNames());
        }
        for (JsonNode s : walker.candidates(r.instance())) {
            if (s.path("properties").isObject()) {
                known.addAll(s.path("properties").propertyNames());
            }
        }
        String suggestion = Suggestions.closest(key, known);
        if (suggestion != null) {
            return "unknown key \"" + key + "\" (did you mean \"" + suggestion + "\"?)";
        }
        if (!known.isEmpty() && known.size() <= 12) {
            return "unknown key \"" + key + "\" (allowed: " + String.join(", ", new java.util.TreeSet<>(known)) + ")";
        }
        return "unknown key \"" + key + "\"";
    }

    private static String notMessage(JsonNode forbidden) {
        if (forbidden != null && forbidden.has("const")) {
            return "must not be " + forbidden.get("const");
        }
        if (forbidden != null && forbidden.path("enum").isArray()) {
            JsonNode en = forbidden.get("enum");
            return en.size() == 1 ? "must not be " + en.get(0) : "must not be any of " + join(en);
        }
        return "is not allowed (matches a forbidden form)";
    }

    private static String rangeMessage(String keyword, JsonNode bound, JsonNode owner) {
        JsonNode min = owner == null ? null : owner.get("minimum");
        JsonNode max = owner == null ? null : owner.get("maximum");
        if ((keyword.equals("minimum") || keyword.equals("maximum")) && min != null && min.isNumber()
                && max != null && max.isNumber()) {
            return "must be between " + min + " and " + max;
        }
        switch (keyword) {
            case "minimum":
                return "must be at least " + bound;
            case "maximum":
                return "must be at most " + bound;
            case "exclusiveMinimum":
                return "must be greater than " + bound;
            default:
                return "must be less than " + bound;
        }
    }

    private String typeMessage(Set<String> expected, JsonNode value, List<Object> path) {
        List<String> names = new ArrayList<>();
        for (String t : expected) {
            names.add(article(t));
        }
        String got = JsonTrees.typeName(value);
        boolean showValue = value != null && value.isValueNode() && !value.isNull() && !sensitive.test(path);
        return "must be " + orList(names) + ", got " + got + (showValue ? " " + JsonTrees.render(value) : "");
    }

    private static String article(String type) {
        switch (type) {
            case "string": return "a string";
            case "integer": return "an integer";
            case "number": return "a number";
            case "boolean": return "true or false";
            case "object": return "a map";
            case "array": return "a list";
            case "null": return "null";
            default: return type;
        }
    }

    private static String orList(List<String> items) {
        if (items.isEmpty()) {
            return "of another type";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    private static Set<String> types(JsonNode typeNode) {
        Set<String> out = new LinkedHashSet<>();
        if (typeNode == null) {
            return out;
        }
        if (typeNode.isArray()) {
            typeNode.forEach(t -> out.add(t.asString()));
        } else {
            out.add(typeNode.asString());
        }
        // "integer" is implied by "number"
        if (out.contains("number")) {
            out.remove("integer");
        }
        return out;
    }

    private static String join(JsonNode values) {
        if (values == null || !values.isArray()) {
            return String.valueOf(values);
        }
        List<String> parts = new ArrayList<>();
        values.forEach(v -> parts.add(JsonTrees.plain(v)));
        return String.join(", ", parts);
    }

    private static String count(JsonNode n, String noun) {
        return n + " " + (n != null && n.isNumber() && n.asDouble() == 1 ? noun : noun + "s");
    }

    private static List<Object> append(List<Object> path, Object element) {
        List<Object> out = new ArrayList<>(path);
        out.add(element);
        return List.copyOf(out);
    }

    // ---- custom messages ----------------------------------------------------------------------------------------

    /** The schema object holding the failing keyword, when its location resolves within our document. */
    private JsonNode owner(Raw r) {
        List<Object> loc = r.location();
        if (loc.isEmpty()) {
            return null;
        }
        JsonNode owner = walker.at(loc.subList(0, loc.size() - 1));
        if (owner == null || !owner.isObject()) {
            return null;
        }
        JsonNode keywordValue = owner.get(String.valueOf(loc.get(loc.size() - 1)));
        // locations are relative to the innermost $id resource; make sure we landed on the same keyword
        return keywordValue != null && (r.keywordValue() == null || keywordValue.equals(r.keywordValue()))
                ? owner : null;
    }

    /** networknt names the key as {@code property 'NAME' name is not valid}. */
    private static String quotedName(String fallback) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("property '([^']*)'").matcher(
                fallback == null ? "" : fallback);
        return m.find() ? m.group(1) : null;
    }

    private String customMessage(Raw r) {
        if (r.keyword().equals("not") && r.keywordValue() != null && r.keywordValue().isObject()) {
            String inner = text(r.keywordValue().get(X_MESSAGE), r.keywordValue().get(ERROR_MESSAGE));
            if (inner != null) {
                return inner;
            }
        }
        JsonNode owner = owner(r);
        return owner == null ? null : customMessage(owner, r.keyword(), STRUCTURAL.contains(r.keyword()));
    }

    private static String customMessage(JsonNode owner, String keyword, boolean structural) {
        for (String k : List.of(X_MESSAGE, ERROR_MESSAGE)) {
            JsonNode m = owner.get(k);
            if (m == null) {
                continue;
            }
            if (m.isObject() && m.path(keyword).isString()) {
                return m.get(keyword).asString();
            }
            if (m.isString() && !structural) {
                return m.asString();
            }
        }
        return null;
    }

    private static String text(JsonNode... candidates) {
        for (JsonNode c : candidates) {
            if (c != null && c.isString()) {
                return c.asString();
            }
        }
        return null;
    }
}
