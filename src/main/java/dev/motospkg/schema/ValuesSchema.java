package dev.motospkg.schema;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.PathType;
import com.networknt.schema.resource.InputStreamSource;
import dev.motospkg.error.MotosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.PatternSyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The chart's values schema ({@code schema/values.schema.json}, JSON Schema 2020-12), used to validate values,
 * to type {@code --set} strings and to find sensitive ({@code writeOnly}) values.
 *
 * <p>Custom messages: a subschema may carry the non-standard annotation {@code x-message} (or {@code errorMessage}),
 * either a string, used for every failing assertion of that subschema except the structural ones ({@code type},
 * {@code required}, {@code additionalProperties}), or an object mapping keyword names to messages
 * ({@code "x-message": {"pattern": "...", "minLength": "..."}}). An {@code x-message} inside a {@code not} subschema
 * is used when that {@code not} fails; on a subschema holding {@code anyOf}/{@code oneOf} it replaces the messages of
 * all branches. Other unknown keywords are ignored.
 *
 * <p>Instances are immutable apart from internal caches and safe to share between threads.
 */
public final class ValuesSchema {
    /** Stands in for sensitive values wherever they would be shown. */
    public static final String MASK = "******";

    private final String displayName;
    private final Schema schema;
    private final SchemaWalker walker;
    private final Map<List<Object>, Boolean> stringCache = new ConcurrentHashMap<>();
    private final Map<List<Object>, Boolean> sensitiveCache = new ConcurrentHashMap<>();

    private ValuesSchema(String displayName, Schema schema, JsonNode root) {
        this.displayName = displayName;
        this.schema = schema;
        this.walker = new SchemaWalker(root);
    }

    /** Reads and compiles a schema file; {@link MotosException#invalid} naming the file when that fails. */
    public static ValuesSchema load(Path schemaFile) {
        if (!Files.exists(schemaFile)) {
            throw MotosException.invalid("values schema " + schemaFile + " does not exist",
                    "create it or remove the reference to it");
        }
        String text = dev.motospkg.io.UserFiles.read(schemaFile); // size limit, no devices or FIFOs
        return compile(text, schemaFile.toString(), schemaFile.toAbsolutePath().toUri().toString());
    }

    /** Compiles a schema given as JSON text; displayName names it in error messages (usually the file path). */
    public static ValuesSchema fromJson(String json, String displayName) {
        return compile(json, displayName, null);
    }

    /** baseUri (may be null) anchors relative $refs: next to the schema file rather than the working directory. */
    private static ValuesSchema compile(String json, String displayName, String baseUri) {
        JsonNode root;
        try {
            root = SchemaJson.read(json);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw MotosException.invalid("values schema " + displayName + " is not valid JSON: "
                    + e.getOriginalMessage() + where, "fix the JSON syntax of the schema file");
        }
        if (root == null || !root.isObject()) {
            throw MotosException.invalid("values schema " + displayName + " must contain a JSON object",
                    "start the schema with {\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", ...}");
        }
        String problem = SchemaLint.check(root);
        if (problem != null) {
            throw unusable(displayName, problem);
        }
        String loop = new SchemaWalker(root).inPlaceCycle();
        if (loop != null) {
            throw unusable(displayName, "\"$ref\": \"" + loop + "\" refers back to itself without descending into a"
                    + " property or item, so checking values against it would never end");
        }
        try {
            Path baseDir = baseUri == null ? null : Path.of(java.net.URI.create(baseUri)).getParent();
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect(), builder -> builder
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build())
                    .resourceLoaders(loaders -> loaders.add(iri -> localFile(iri, baseDir))));
            Schema schema = baseUri == null ? registry.getSchema(root)
                    : registry.getSchema(SchemaLocation.of(baseUri), root);
            schema.initializeValidators();
            return new ValuesSchema(displayName, schema, root);
        } catch (MotosException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unusable(displayName, describe(e));
        }
    }

    /**
     * networknt 3 fetches nothing by default (no file, no network); we allow relative {@code $ref}s to files in the
     * schema's own directory tree, and nothing else.
     */
    private static InputStreamSource localFile(AbsoluteIri iri, Path baseDir) {
        if (baseDir == null || !"file".equals(iri.getScheme())) {
            return null;
        }
        Path file;
        try {
            file = Path.of(java.net.URI.create(iri.toString())).normalize();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!file.startsWith(baseDir.normalize()) || !Files.isRegularFile(file)) {
            return null;
        }
        return () -> Files.newInputStream(file);
    }

    private static MotosException unusable(String displayName, String problem) {
        return MotosException.invalid("values schema " + displayName + " is not a usable JSON Schema: " + problem,
                "check the schema against JSON Schema 2020-12 (https://json-schema.org/draft/2020-12)");
    }

    /** First line of the message, naming the cause when the library only wrapped it. */
    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t
                && (t.getMessage() == null || t.getMessage().startsWith(t.getCause().getClass().getName()))) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().lines().findFirst()
                .orElse("");
        if (t instanceof PatternSyntaxException) {
            message = "invalid regular expression: " + message;
        } else if (t instanceof java.io.FileNotFoundException) {
            message = "referenced file not found: " + message;
        }
        return message;
    }

    /** Draft 2020-12 plus our message annotations; unknown keywords are ignored silently. */
    private static Dialect dialect() {
        return Dialect.builder(Dialects.getDraft202012())
                .keyword(new AnnotationKeyword(Messages.X_MESSAGE))
                .keyword(new AnnotationKeyword(Messages.ERROR_MESSAGE))
                .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
                .build();
    }

    /** The name given at load time (the schema file path). */
    public String displayName() {
        return displayName;
    }

    /**
     * Every violation at once, de-duplicated, ordered by path (keys alphabetically, indexes numerically, parents
     * first) then message. Null values count as an empty map.
     */
    public List<Violation> validate(Map<String, Object> values) {
        JsonNode instance = JsonTrees.toNode(values == null ? Map.of() : values);
        List<com.networknt.schema.Error> errors;
        try {
            errors = schema.validate(instance);
        } catch (StackOverflowError e) {
            throw unusable(displayName, "its references nest too deeply to check values against it");
        } catch (RuntimeException e) {
            // networknt resolves some references lazily
            throw unusable(displayName, describe(e));
        }
        List<Messages.Issue> issues = new Messages(walker, this::isSensitive, schema.getSchemaLocation().getAbsoluteIri()).translate(errors);
        Map<List<Object>, Map<String, Violation>> byPath = new java.util.TreeMap<>(Paths.ORDER);
        for (Messages.Issue issue : issues) {
            String value = null;
            if (issue.value() != null) {
                value = isSensitive(issue.path()) ? MASK
                        : JsonTrees.render(walker.candidates(Paths.normalize(issue.path())).isEmpty()
                                ? leavesMasked(issue.value()) : issue.value());
            }
            byPath.computeIfAbsent(issue.path(), p -> new java.util.TreeMap<>())
                    .putIfAbsent(issue.message(),
                            new Violation(Paths.format(issue.path()), issue.path(), issue.message(), value));
        }
        List<Violation> out = new ArrayList<>();
        byPath.values().forEach(m -> out.addAll(m.values()));
        return List.copyOf(out);
    }

    /**
     * Whether the schema declares the node at path a string: every {@code type} reachable there (through
     * properties, items, $ref and combinators) is {@code string} or {@code null}, with at least one
     * {@code string}; an {@code enum}/{@code const} of only strings counts as string.
     */
    public boolean isString(List<Object> path) {
        List<Object> key = Paths.normalize(path);
        return stringCache.computeIfAbsent(key, k -> {
            Set<String> types = SchemaWalker.declaredTypes(walker.candidates(k));
            return types.contains("string") && Set.of("string", "null").containsAll(types);
        });
    }

    /** Whether the node at path, or one of its ancestors, is marked {@code writeOnly: true} (in any branch). */
    public boolean isSensitive(List<Object> path) {
        List<Object> key = Paths.normalize(path);
        Boolean cached = sensitiveCache.get(key);
        if (cached != null) {
            return cached;
        }
        boolean sensitive = (!key.isEmpty() && isSensitive(key.subList(0, key.size() - 1)))
                || walker.candidates(key).stream().anyMatch(s -> s.path("writeOnly").asBoolean(false))
                || (!key.isEmpty() && walker.candidates(key).isEmpty() && hasSensitiveChild(key.subList(0, key.size() - 1)));
        sensitiveCache.put(key, sensitive);
        return sensitive;
    }

    /**
     * A map or list the schema knows nothing about (a misspelt key: {@code postgres.auht: {password: ...}}) may
     * hold secrets under names the schema cannot mark: its structure is shown, its leaves masked.
     */
    private static JsonNode leavesMasked(JsonNode node) {
        if (node == null || !node.isContainer()) {
            return node;
        }
        JsonNode copy = node.deepCopy();
        java.util.Deque<JsonNode> todo = new java.util.ArrayDeque<>(List.of(copy));
        while (!todo.isEmpty()) {
            JsonNode n = todo.pop();
            if (n instanceof tools.jackson.databind.node.ObjectNode o) {
                for (String k : new ArrayList<>(o.propertyNames())) {
                    if (o.get(k).isContainer()) {
                        todo.push(o.get(k));
                    } else if (!o.get(k).isNull()) {
                        o.put(k, MASK);
                    }
                }
            } else if (n instanceof tools.jackson.databind.node.ArrayNode a) {
                for (int i = 0; i < a.size(); i++) {
                    if (a.get(i).isContainer()) {
                        todo.push(a.get(i));
                    } else if (!a.get(i).isNull()) {
                        a.set(i, tools.jackson.databind.node.StringNode.valueOf(MASK));
                    }
                }
            }
        }
        return copy;
    }

    /**
     * Whether a schema describing the node at path declares a sensitive property: an unknown key there
     * ({@code auth.passwrd}) is most likely a misspelt secret, so it is masked like one.
     */
    private boolean hasSensitiveChild(List<Object> path) {
        for (var parent : walker.candidates(path)) {
            var properties = parent.path("properties");
            for (var e : properties.properties()) {
                if (walker.candidates(append(path, e.getKey())).stream()
                        .anyMatch(s -> s.path("writeOnly").asBoolean(false))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Object> append(List<Object> path, Object element) {
        List<Object> out = new ArrayList<>(path);
        out.add(element);
        return out;
    }

    /**
     * Paths of the sensitive leaves present in values: non-null scalars (and empty maps/lists are skipped) whose path
     * is sensitive, descending into sensitive maps and lists. These are exactly the nodes {@link #mask} replaces.
     */
    public Set<List<Object>> sensitivePaths(Map<String, Object> values) {
        Set<List<Object>> out = new TreeSet<>(Paths.ORDER);
        collect(values, new ArrayList<>(), false, out);
        return out;
    }

    private void collect(Object node, List<Object> path, boolean sensitive, Set<List<Object>> out) {
        sensitive = sensitive || isSensitive(path);
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                path.add(String.valueOf(e.getKey()));
                collect(e.getValue(), path, sensitive, out);
                path.remove(path.size() - 1);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                path.add(i);
                collect(list.get(i), path, sensitive, out);
                path.remove(path.size() - 1);
            }
        } else if (node != null && sensitive) {
            out.add(List.copyOf(path));
        }
    }

    /** A deep copy of values (insertion order kept) with every sensitive non-null leaf replaced by {@link #MASK}. */
    public Map<String, Object> mask(Map<String, Object> values) {
        if (values == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) copy(values, new ArrayList<>(), false);
        return copy;
    }

    private Object copy(Object node, List<Object> path, boolean sensitive) {
        sensitive = sensitive || isSensitive(path);
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                path.add(String.valueOf(e.getKey()));
                out.put(e.getKey(), copy(e.getValue(), path, sensitive));
                path.remove(path.size() - 1);
            }
            return out;
        } else if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                path.add(i);
                out.add(copy(list.get(i), path, sensitive));
                path.remove(path.size() - 1);
            }
            return out;
        }
        return node != null && sensitive ? MASK : node;
    }

    /** Keys declared for the object at path (properties of every reachable subschema), for suggestions. */
    Collection<String> declaredKeys(List<Object> path) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode s : walker.candidates(Paths.normalize(path))) {
            JsonNode props = s.get("properties");
            if (props != null && props.isObject()) {
                keys.addAll(props.propertyNames());
            }
        }
        return keys;
    }

    @Override
    public String toString() {
        return "ValuesSchema[" + displayName + "]";
    }
}
