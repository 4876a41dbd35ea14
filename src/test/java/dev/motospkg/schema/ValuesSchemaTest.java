package dev.motospkg.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class ValuesSchemaTest {
    private static Path schemaFile;
    private static ValuesSchema schema;

    private static final String VALID = """
            namespace: motos-dev
            backend:
              image: {repository: ghcr.io/motos/backend, tag: v1.2.3, pullPolicy: IfNotPresent}
              replicas: 2
              service: {type: ClusterIP, port: 8080}
              healthPath: /healthz
              extraArgs: [--verbose, --port=8080]
            frontend:
              image: {tag: "2"}
              service: {type: NodePort, nodePort: 30080}
              apiUrl: null
            postgres:
              image: {tag: "16.4"}
              storage: {size: 10Gi}
              auth: {username: motos, password: s3cret-password}
            """;

    @BeforeAll
    static void loadSchema() throws URISyntaxException {
        schemaFile = Path.of(ValuesSchemaTest.class.getResource("/schema/test.schema.json").toURI());
        // First schema load: this is where a missing Jackson BOM shows up as NoClassDefFoundError JsonSerializeAs.
        schema = ValuesSchema.load(schemaFile);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) {
        Map<String, Object> map = new Yaml().load(text);
        return map == null ? new LinkedHashMap<>() : map;
    }

    /** VALID with one line's value replaced (matching "key: old"). */
    private static Map<String, Object> validWith(String from, String to) {
        assertTrue(VALID.contains(from), from);
        return yaml(VALID.replace(from, to));
    }

    private static Violation only(List<Violation> violations) {
        assertEquals(1, violations.size(), () -> "expected one violation, got " + violations);
        return violations.get(0);
    }

    // ---- loading --------------------------------------------------------------------------------------------

    @Test
    void validValuesHaveNoViolations() {
        assertEquals(List.of(), schema.validate(yaml(VALID)));
    }

    @Test
    void javaNumberAndBooleanTypesValidate() {
        Map<String, Object> values = yaml(VALID);
        @SuppressWarnings("unchecked")
        Map<String, Object> backend = (Map<String, Object>) values.get("backend");
        backend.put("replicas", 3L);
        assertEquals(List.of(), schema.validate(values));
        backend.put("replicas", Integer.valueOf(0));
        assertEquals(List.of(), schema.validate(values));
        backend.put("replicas", 1.5d);
        assertEquals("must be an integer, got number 1.5", only(schema.validate(values)).message());
        backend.put("replicas", Boolean.TRUE);
        assertEquals("must be an integer, got boolean true", only(schema.validate(values)).message());
    }

    @Test
    void invalidJsonNamesTheFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("values.schema.json");
        Files.writeString(bad, "{\"type\": \"object\",\n  \"properties\": {,}}");
        MotosException e = assertThrows(MotosException.class, () -> ValuesSchema.load(bad));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
    }

    @Test
    void missingFileAndNonObjectSchemaAreInvalid(@TempDir Path dir) {
        Path missing = dir.resolve("nope.schema.json");
        MotosException e = assertThrows(MotosException.class, () -> ValuesSchema.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        e = assertThrows(MotosException.class, () -> ValuesSchema.fromJson("[1, 2]", "x.json"));
        assertTrue(e.getMessage().contains("x.json"), e.getMessage());
        e = assertThrows(MotosException.class, () -> ValuesSchema.fromJson("", "empty.json"));
        assertTrue(e.getMessage().contains("empty.json"), e.getMessage());
        e = assertThrows(MotosException.class, () -> ValuesSchema.fromJson("{\"a\": 1, \"a\": 2}", "dup.json"));
        assertTrue(e.getMessage().contains("dup.json"), e.getMessage());
    }

    // ---- individual rules -----------------------------------------------------------------------------------

    @Test
    void tagIsRequired() {
        Violation v = only(schema.validate(validWith("{repository: ghcr.io/motos/backend, tag: v1.2.3, pullPolicy: IfNotPresent}",
                "{repository: ghcr.io/motos/backend}")));
        assertEquals("backend.image.tag", v.path());
        assertEquals(List.of("backend", "image", "tag"), v.pathElements());
        assertEquals("missing required key \"tag\"", v.message());
        assertNull(v.value());
    }

    @Test
    void latestTagIsRejectedWithCustomMessage() {
        Violation v = only(schema.validate(validWith("tag: v1.2.3", "tag: latest")));
        assertEquals("backend.image.tag", v.path());
        assertEquals("must not be \"latest\": use an explicit version such as v1", v.message());
        assertEquals("\"latest\"", v.value());
    }

    @Test
    void emptyTagIsRejectedWithCustomMessage() {
        Violation v = only(schema.validate(validWith("tag: \"16.4\"", "tag: \"\"")));
        assertEquals("postgres.image.tag", v.path());
        assertEquals("must not be empty: use an explicit version such as v1", v.message());
        assertEquals("\"\"", v.value());
    }

    @Test
    void numericTagIsATypeError() {
        Violation v = only(schema.validate(validWith("tag: \"2\"", "tag: 2")));
        assertEquals("frontend.image.tag", v.path());
        assertEquals("must be a string, got integer 2", v.message());
        assertEquals("2", v.value());
    }

    @Test
    void pullPolicyMustBeKnown() {
        Violation v = only(schema.validate(validWith("pullPolicy: IfNotPresent", "pullPolicy: Sometimes")));
        assertEquals("backend.image.pullPolicy", v.path());
        assertEquals("must be one of Always, IfNotPresent, Never", v.message());
        assertEquals("\"Sometimes\"", v.value());
    }

    @Test
    void storageSizeMustBeAQuantity() {
        Violation v = only(schema.validate(validWith("size: 10Gi", "size: ten")));
        assertEquals("postgres.storage.size", v.path());
        assertEquals("must be a Kubernetes quantity such as 10Gi or 500Mi", v.message());
        assertEquals("\"ten\"", v.value());
        for (String ok : List.of("500Mi", "1.5", "10", "100m", "1e3", "2Ti")) {
            assertEquals(List.of(), schema.validate(validWith("size: 10Gi", "size: \"" + ok + "\"")), ok);
        }
        assertEquals(List.of(), schema.validate(validWith("size: 10Gi", "size: 10")));
        assertEquals("must be a Kubernetes quantity such as 10Gi or 500Mi",
                only(schema.validate(validWith("size: 10Gi", "size: true"))).message());
    }

    @Test
    void serviceTypeMustBeKnown() {
        Violation v = only(schema.validate(validWith("type: NodePort", "type: NodePortt")));
        assertEquals("frontend.service.type", v.path());
        assertEquals("must be one of ClusterIP, NodePort, LoadBalancer", v.message());
    }

    @Test
    void nodePortRange() {
        Violation v = only(schema.validate(validWith("nodePort: 30080", "nodePort: 80")));
        assertEquals("frontend.service.nodePort", v.path());
        assertEquals("must be between 30000 and 32767", v.message());
        assertEquals("80", v.value());
        assertEquals("must be between 30000 and 32767",
                only(schema.validate(validWith("nodePort: 30080", "nodePort: 40000"))).message());
        assertEquals("must be an integer, got string \"30080\"",
                only(schema.validate(validWith("nodePort: 30080", "nodePort: \"30080\""))).message());
        assertEquals(List.of(), schema.validate(validWith("nodePort: 30080", "nodePort: 32767")));
    }

    @Test
    void replicasMustNotBeNegative() {
        Violation v = only(schema.validate(validWith("replicas: 2", "replicas: -1")));
        assertEquals("backend.replicas", v.path());
        assertEquals("must be at least 0", v.message());
        assertEquals("-1", v.value());
        assertEquals(List.of(), schema.validate(validWith("replicas: 2", "replicas: 0")));
    }

    @Test
    void namespaceMustBeADnsLabel() {
        Violation v = only(schema.validate(validWith("namespace: motos-dev", "namespace: Motos_Dev")));
        assertEquals("namespace", v.path());
        assertEquals("must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a"
                + " letter or digit", v.message());
        assertEquals("\"Motos_Dev\"", v.value());
        String tooLong = "a".repeat(64);
        v = only(schema.validate(validWith("namespace: motos-dev", "namespace: " + tooLong)));
        assertEquals("must be at most 63 characters long", v.message());
        assertEquals(List.of(), schema.validate(validWith("namespace: motos-dev", "namespace: " + "a".repeat(63))));
        assertEquals(2, schema.validate(validWith("namespace: motos-dev", "namespace: -" + "a".repeat(63))).size());
    }

    @Test
    void patternWithoutCustomMessageNamesThePattern() {
        Violation v = only(schema.validate(validWith("healthPath: /healthz", "healthPath: healthz")));
        assertEquals("does not match pattern ^/", v.message());
    }

    @Test
    void listIndexesAppearInPaths() {
        Violation v = only(schema.validate(validWith("extraArgs: [--verbose, --port=8080]", "extraArgs: [--verbose, 8080]")));
        assertEquals("backend.extraArgs[1]", v.path());
        assertEquals(List.of("backend", "extraArgs", 1), v.pathElements());
        assertEquals("must be a string, got integer 8080", v.message());
    }

    @Test
    void nullableStringAcceptsNullAndRejectsOthers() {
        assertEquals(List.of(), schema.validate(validWith("apiUrl: null", "apiUrl: http://api")));
        assertEquals("must be a string or null, got integer 5",
                only(schema.validate(validWith("apiUrl: null", "apiUrl: 5"))).message());
    }

    // ---- unknown keys -----------------------------------------------------------------------------------------

    @Test
    void unknownKeySuggestsTheClosestDeclaredKey() {
        Violation v = only(schema.validate(validWith("tag: v1.2.3", "tga: v1.2.3")).stream()
                .filter(x -> x.message().startsWith("unknown")).toList());
        assertEquals("backend.image.tga", v.path());
        assertEquals("unknown key \"tga\" (did you mean \"tag\"?)", v.message());
        assertEquals("\"v1.2.3\"", v.value());

        v = only(schema.validate(validWith("replicas: 2", "replica: 2")));
        assertEquals("unknown key \"replica\" (did you mean \"replicas\"?)", v.message());
        v = only(schema.validate(validWith("nodePort: 30080", "nodeport: 30080")));
        assertEquals("unknown key \"nodeport\" (did you mean \"nodePort\"?)", v.message());
        v = only(schema.validate(validWith("pullPolicy: IfNotPresent", "imagePullPolicy: IfNotPresent")));
        assertEquals("backend.image.imagePullPolicy", v.path());
        assertEquals("unknown key \"imagePullPolicy\" (did you mean \"pullPolicy\"?)", v.message());
    }

    @Test
    void unknownKeyWithoutCloseMatchListsAllowedKeys() {
        Map<String, Object> values = yaml(VALID);
        values.put("monitoring", Map.of("enabled", true));
        Violation v = only(schema.validate(values));
        assertEquals("monitoring", v.path());
        assertEquals("unknown key \"monitoring\" (allowed: backend, frontend, namespace, postgres)", v.message());
        // A map the schema knows nothing about may hold a misspelt secret: its keys are shown, its leaves masked.
        assertEquals("{\"enabled\":\"******\"}", v.value());
    }

    // ---- many at once, order ----------------------------------------------------------------------------------

    @Test
    void reportsAllViolationsAtOnceInPathOrder() {
        String broken = """
                namespace: Bad_NS
                bakend: {}
                frontend:
                  image: {tag: latest, pullPolicy: Sometimes}
                  service: {type: NodePort, nodePort: 80}
                postgres:
                  storage: {size: ten}
                  auth: {password: short}
                """;
        List<Violation> violations = schema.validate(yaml(broken));
        List<String> rendered = violations.stream().map(v -> v.path() + ": " + v.message()).toList();
        assertEquals(List.of(
                "backend: missing required key \"backend\"",
                "bakend: unknown key \"bakend\" (did you mean \"backend\"?)",
                "frontend.image.pullPolicy: must be one of Always, IfNotPresent, Never",
                "frontend.image.tag: must not be \"latest\": use an explicit version such as v1",
                "frontend.service.nodePort: must be between 30000 and 32767",
                "namespace: must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a"
                        + " letter or digit",
                "postgres.auth.password: must be at least 8 characters long",
                "postgres.storage.size: must be a Kubernetes quantity such as 10Gi or 500Mi"), rendered);

        // same values, reversed insertion order everywhere -> identical output
        assertEquals(violations, schema.validate(reversed(yaml(broken))));
    }

    @Test
    void severalProblemsOnOneKeyAreOrderedByMessage() {
        List<Violation> violations = schema.validate(validWith("namespace: motos-dev", "namespace: -" + "a".repeat(63)));
        assertEquals(List.of("must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with"
                        + " a letter or digit", "must be at most 63 characters long"),
                violations.stream().map(Violation::message).toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reversed(Map<String, Object> map) {
        List<Map.Entry<String, Object>> entries = new ArrayList<>(map.entrySet());
        Collections.reverse(entries);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : entries) {
            out.put(e.getKey(), e.getValue() instanceof Map<?, ?> m ? reversed((Map<String, Object>) m) : e.getValue());
        }
        return out;
    }

    // ---- sensitive values -------------------------------------------------------------------------------------

    @Test
    void sensitiveValueIsMaskedInViolations() {
        Violation v = only(schema.validate(validWith("password: s3cret-password", "password: hunter2")));
        assertEquals("postgres.auth.password", v.path());
        assertEquals("must be at least 8 characters long", v.message());
        assertEquals("******", v.value());

        v = only(schema.validate(validWith("password: s3cret-password", "password: 12345678")));
        assertEquals("must be a string, got integer", v.message(), "the type error must not leak the value");
        assertEquals("******", v.value());
        assertFalse(v.toString().contains("12345678"));
    }

    @Test
    void missingSensitiveValueHasNoValue() {
        Violation v = only(schema.validate(validWith("{username: motos, password: s3cret-password}", "{username: motos}")));
        assertEquals("postgres.auth.password", v.path());
        assertEquals("missing required key \"password\"", v.message());
        assertNull(v.value());
    }

    @Test
    void maskReplacesSensitiveLeavesInACopy() {
        Map<String, Object> values = yaml(VALID);
        Map<String, Object> masked = schema.mask(values);
        assertEquals("******", ((Map<?, ?>) ((Map<?, ?>) masked.get("postgres")).get("auth")).get("password"));
        assertEquals("motos", ((Map<?, ?>) ((Map<?, ?>) masked.get("postgres")).get("auth")).get("username"));
        assertEquals("s3cret-password", ((Map<?, ?>) ((Map<?, ?>) values.get("postgres")).get("auth")).get("password"));
        // everything else unchanged, including types and order
        ((Map<String, Object>) (Map<?, ?>) ((Map<?, ?>) masked.get("postgres")).get("auth")).put("password", "s3cret-password");
        assertEquals(values, masked);
        assertEquals(List.copyOf(values.keySet()), List.copyOf(masked.keySet()));

        Map<String, Object> nullPassword = validWith("password: s3cret-password", "password: null");
        assertNull(((Map<?, ?>) ((Map<?, ?>) schema.mask(nullPassword).get("postgres")).get("auth")).get("password"));
        assertNull(schema.mask(null));
    }

    @Test
    void sensitivePathsListsPresentSensitiveLeaves() {
        assertEquals(Set.of(List.of("postgres", "auth", "password")), schema.sensitivePaths(yaml(VALID)));
        assertEquals(Set.of(), schema.sensitivePaths(validWith("password: s3cret-password", "password: null")));
        assertEquals(Set.of(), schema.sensitivePaths(yaml("namespace: x")));
    }

    @Test
    void isSensitive() {
        assertTrue(schema.isSensitive(List.of("postgres", "auth", "password")));
        assertFalse(schema.isSensitive(List.of("postgres", "auth")));
        assertFalse(schema.isSensitive(List.of("postgres", "auth", "username")));
        assertFalse(schema.isSensitive(List.of("backend", "image", "tag")));
        assertFalse(schema.isSensitive(List.of("no", "such", "path")));
        assertFalse(schema.isSensitive(List.of()));
    }

    @Test
    void writeOnlyObjectMakesEverythingBelowSensitive() {
        ValuesSchema s = ValuesSchema.fromJson("""
                {"type": "object", "additionalProperties": false, "properties": {
                  "secrets": {"type": "object", "writeOnly": true, "additionalProperties": {"type": "string"}},
                  "tokens": {"type": "array", "items": {"$ref": "#/$defs/token"}},
                  "plain": {"type": "string"}},
                 "$defs": {"token": {"type": "string", "writeOnly": true}}}
                """, "inline");
        assertTrue(s.isSensitive(List.of("secrets", "apiKey")));
        assertTrue(s.isSensitive(List.of("secrets")));
        assertTrue(s.isSensitive(List.of("tokens", 3)));
        assertFalse(s.isSensitive(List.of("tokens")));
        Map<String, Object> values = yaml("""
                secrets: {apiKey: abc, other: null, nested: {deep: 1}}
                tokens: [t1, t2]
                plain: visible
                """);
        assertEquals(Set.of(List.of("secrets", "apiKey"), List.of("secrets", "nested", "deep"),
                List.of("tokens", 0), List.of("tokens", 1)), s.sensitivePaths(values));
        Map<String, Object> masked = s.mask(values);
        assertEquals(yaml("""
                secrets: {apiKey: '******', other: null, nested: {deep: '******'}}
                tokens: ['******', '******']
                plain: visible
                """), masked);
        // a wrong type below a sensitive map is reported masked
        Violation v = only(s.validate(yaml("secrets: {nested: {deep: 1}}")));
        assertEquals("secrets.nested", v.path());
        assertEquals("must be a string, got map", v.message());
        assertEquals("******", v.value());
    }

    // ---- isString -----------------------------------------------------------------------------------------------

    @Test
    void isStringFollowsRefsAndCombinators() {
        assertTrue(schema.isString(List.of("backend", "image", "tag")), "through $ref");
        assertTrue(schema.isString(List.of("postgres", "image", "repository")));
        assertTrue(schema.isString(List.of("namespace")));
        assertTrue(schema.isString(List.of("frontend", "apiUrl")), "string or null");
        assertTrue(schema.isString(List.of("backend", "service", "type")), "enum of strings");
        assertTrue(schema.isString(List.of("backend", "extraArgs", 0)), "array items");
        assertFalse(schema.isString(List.of("backend", "replicas")));
        assertFalse(schema.isString(List.of("frontend", "service", "nodePort")));
        assertFalse(schema.isString(List.of("postgres", "storage", "size")), "integer or string: ambiguous");
        assertFalse(schema.isString(List.of("backend", "image")));
        assertFalse(schema.isString(List.of("backend", "nope")));
        assertFalse(schema.isString(List.of()));
        // cached answers are stable
        assertTrue(schema.isString(List.of("backend", "image", "tag")));
    }

    @Test
    void isStringThroughAllOfAndPatternProperties() {
        ValuesSchema s = ValuesSchema.fromJson("""
                {"type": "object", "properties": {
                   "labels": {"type": "object", "patternProperties": {"^x-": {"type": "integer"}},
                              "additionalProperties": {"type": "string"}},
                   "svc": {"allOf": [{"$ref": "#/$defs/base"}, {"properties": {"extra": {"type": "boolean"}}}]}},
                 "$defs": {"base": {"properties": {"name": {"type": "string"}}}}}
                """, "inline");
        assertTrue(s.isString(List.of("labels", "app")));
        assertFalse(s.isString(List.of("labels", "x-count")));
        assertTrue(s.isString(List.of("svc", "name")));
        assertFalse(s.isString(List.of("svc", "extra")));
    }

    // ---- combinators and custom messages --------------------------------------------------------------------------

    @Test
    void anyOfWithoutCustomMessageReportsTheClosestBranch() {
        ValuesSchema s = ValuesSchema.fromJson("""
                {"type": "object", "additionalProperties": false, "properties": {
                  "size": {"anyOf": [{"type": "integer", "minimum": 0},
                                     {"type": "string", "pattern": "^[0-9]+Gi$"}]},
                  "mode": {"oneOf": [{"type": "integer"}, {"type": "string", "minLength": 2}]}}}
                """, "inline");
        assertEquals("does not match pattern ^[0-9]+Gi$", only(s.validate(yaml("size: ten"))).message());
        assertEquals("must be at least 0", only(s.validate(yaml("size: -5"))).message());
        assertEquals("must be an integer or a string, got boolean true", only(s.validate(yaml("size: true"))).message());
        assertEquals("must be at least 2 characters long", only(s.validate(yaml("mode: x"))).message());
        assertEquals("must be an integer or a string, got list", only(s.validate(yaml("mode: [1]"))).message());
        assertEquals(List.of(), s.validate(yaml("{size: 5Gi, mode: 3}")));
    }

    @Test
    void customMessageOnTheSubschemaAsString() {
        ValuesSchema s = ValuesSchema.fromJson("""
                {"type": "object", "properties": {
                  "port": {"type": "integer", "minimum": 1, "maximum": 65535, "errorMessage": "must be a TCP port"}},
                 "x-unknown-annotation": true}
                """, "inline");
        assertEquals("must be a TCP port", only(s.validate(yaml("port: 0"))).message());
        // structural problems keep the generic message
        assertEquals("must be an integer, got string \"http\"", only(s.validate(yaml("port: http"))).message());
    }

    @Test
    void rootLevelViolationUsesRootPath() {
        ValuesSchema s = ValuesSchema.fromJson("{\"type\": \"object\", \"minProperties\": 1}", "inline");
        Violation v = only(s.validate(Map.of()));
        assertEquals("(root)", v.path());
        assertEquals(List.of(), v.pathElements());
        assertEquals("must have at least 1 key", v.message());
        assertEquals(List.of(), s.validate(null).stream().filter(x -> !x.path().equals("(root)")).toList());
    }

    @Test
    void schemaIsReusableAndLoadIsQuick() {
        long start = System.nanoTime();
        ValuesSchema again = ValuesSchema.load(schemaFile);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1000, "loading took " + millis + " ms");
        assertEquals(schema.validate(yaml(VALID)), again.validate(yaml(VALID)));
        Map<String, Object> broken = validWith("tag: v1.2.3", "tag: latest");
        assertEquals(schema.validate(broken), again.validate(broken));
    }

    @Test
    void unusableSchemasAreRejectedAtLoad() {
        Map<String, String> cases = Map.of(
                "{\"type\": \"strng\"}", "unknown type \"strng\"",
                "{\"properties\": {\"a\": {\"pattern\": \"(\"}}}", "invalid regular expression",
                "{\"properties\": {\"a\": {\"$ref\": \"#/$defs/missing\"}}}", "/$defs/missing",
                "{\"properties\": {\"a\": {\"required\": \"b\"}}}", "\"required\" must be a list",
                "{\"properties\": {\"a\": {\"minimum\": \"x\"}}}", "minimum");
        cases.forEach((json, expected) -> {
            MotosException e = assertThrows(MotosException.class, () -> ValuesSchema.fromJson(json, "bad.json"), json);
            assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains(expected), e.getMessage());
            assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        });
        // property names and data are not mistaken for keywords
        ValuesSchema.fromJson("{\"properties\": {\"type\": {\"enum\": [{\"type\": \"x\"}]}, "
                + "\"required\": {\"type\": \"string\"}}}", "ok.json");
    }

    @Test
    void relativeRefsResolveNextToTheSchemaFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("image.schema.json"), """
                {"type": "object", "additionalProperties": false, "required": ["tag"],
                 "properties": {"tag": {"type": "string"}}}
                """);
        Path main = dir.resolve("values.schema.json");
        Files.writeString(main, """
                {"type": "object", "properties": {"image": {"$ref": "image.schema.json"}}}
                """);
        ValuesSchema s = ValuesSchema.load(main);
        assertEquals(List.of(), s.validate(yaml("image: {tag: v1}")));
        Violation v = only(s.validate(yaml("image: {tg: v1}")).stream()
                .filter(x -> x.message().startsWith("unknown")).toList());
        assertEquals("image.tg", v.path());

        // nothing outside the schema's directory (and nothing over the network) is fetched
        Files.writeString(dir.resolve("outside.schema.json"), "{\"type\": \"string\"}");
        Path chart = Files.createDirectory(dir.resolve("chart"));
        Path escaping = chart.resolve("escaping.schema.json");
        Files.writeString(escaping, "{\"properties\": {\"a\": {\"$ref\": \"../outside.schema.json\"}}}");
        MotosException e = assertThrows(MotosException.class, () -> ValuesSchema.load(escaping));
        assertTrue(e.getMessage().contains("escaping.schema.json"), e.getMessage());
    }
}
