package dev.motospkg.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.kube.ObjectKey;
import dev.motospkg.testing.Golden;
import dev.motospkg.yaml.YamlCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiffTest {
    private final YamlCodec yaml = new YamlCodec();

    @SuppressWarnings("unchecked")
    private Map<String, Object> tree(String text) {
        return (Map<String, Object>) yaml.parseOne(text, "test");
    }

    private final Map<String, Object> live = tree("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: backend
              namespace: motos-app
              uid: abc
              resourceVersion: "42"
              generation: 3
              creationTimestamp: "2026-01-01T00:00:00Z"
              annotations: {deployment.kubernetes.io/revision: "2"}
              managedFields:
              - manager: motospkg
                operation: Apply
                fieldsV1: {f:spec: {f:template: {f:spec: {f:containers: {'k:{"name":"backend"}': {f:image: {}}}}}}}
              - manager: kubectl-edit
                operation: Update
                fieldsV1: {f:spec: {f:replicas: {}}}
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                  - name: backend
                    image: motos-backend:v1
            status: {availableReplicas: 3}
            """);

    @Test
    void normalizerDropsServerNoise() {
        Map<String, Object> n = Normalizer.normalize(live);
        assertNull(n.get("status"));
        Map<?, ?> metadata = (Map<?, ?>) n.get("metadata");
        assertEquals(Set.of("name", "namespace"), metadata.keySet());
    }

    @Test
    void treeDiffFindsLeavesWithReadablePaths() {
        Map<String, Object> after = Normalizer.normalize(live);
        ((Map<String, Object>) after.get("spec")).put("replicas", 1);
        List<TreeDiff.Leaf> leaves = TreeDiff.leaves(Normalizer.normalize(live), after);
        assertEquals(1, leaves.size());
        assertEquals("spec.replicas", leaves.get(0).pathText());
        assertEquals(List.of("spec", "template", "spec", "containers", 0, "image"),
                TreeDiff.leaves(Map.of("spec", Map.of("template", Map.of("spec", Map.of("containers",
                        List.of(Map.of("image", "a")))))), Map.of("spec", Map.of("template", Map.of("spec",
                        Map.of("containers", List.of(Map.of("image", "b"))))))).get(0).path());
    }

    @Test
    void fieldOwnersReadManagedFields() {
        assertEquals("kubectl-edit", FieldOwners.owner(live, List.of("spec", "replicas")));
        assertEquals("motospkg", FieldOwners.owner(live, List.of("spec", "template", "spec", "containers", 0, "image")));
        assertNull(FieldOwners.owner(live, List.of("spec", "paused")));
    }

    @Test
    void secretsShowSizeAndChangeNeverContent() {
        String oldPw = Base64.getEncoder().encodeToString("hunter22".getBytes());
        String newPw = Base64.getEncoder().encodeToString("hunter33".getBytes());
        Change change = new Change(ChangeKind.UPDATE, new ObjectKey("v1", "Secret", "motos-app", "db"),
                Map.of("kind", "Secret", "data", Map.of("password", oldPw)),
                Map.of("kind", "Secret", "data", Map.of("password", newPw)),
                List.of(new FieldChange("data.password", oldPw, newPw, null)));
        StringWriter out = new StringWriter();
        new DiffPrinter(yaml).print(List.of(change), new Redaction(Set.of("hunter33"), false),
                new DiffPrinter.Style(false, 3), new PrintWriter(out));
        String text = out.toString();
        assertFalse(text.contains(oldPw) || text.contains(newPw) || text.contains("hunter"), text);
        assertTrue(text.contains("+  password: '(hidden: 8 bytes, changed)'"), text);
    }

    @Test
    void sensitiveValuesAreScrubbedEverywhereInClearAndBase64() {
        Redaction r = new Redaction(Set.of("s3cret-value"), false);
        String b64 = Base64.getEncoder().encodeToString("s3cret-value".getBytes());
        assertEquals("a ****** b ******", r.scrub("a s3cret-value b " + b64));
        assertEquals("a s3cret-value", new Redaction(Set.of("s3cret-value"), true).scrub("a s3cret-value"));
    }

    @Test
    void printedDiffMatchesGolden() throws IOException {
        Map<String, Object> before = Normalizer.normalize(live);
        Map<String, Object> after = Normalizer.normalize(live);
        ((Map<String, Object>) after.get("spec")).put("replicas", 1);
        ObjectKey key = new ObjectKey("apps/v1", "Deployment", "motos-app", "backend");
        List<Change> changes = List.of(
                new Change(ChangeKind.UPDATE, key, before, after,
                        List.of(new FieldChange("spec.replicas", 3, 1, "kubectl-edit"))),
                new Change(ChangeKind.CREATE, new ObjectKey("v1", "ConfigMap", "motos-app", "extra"), null,
                        tree("{apiVersion: v1, kind: ConfigMap, data: {a: '1'}}"), List.of()),
                new Change(ChangeKind.RETAIN, new ObjectKey("v1", "PersistentVolumeClaim", "motos-app", "old-data"),
                        Map.of("kind", "PersistentVolumeClaim"), null, List.of()),
                new Change(ChangeKind.UNCHANGED, new ObjectKey("v1", "Service", "motos-app", "backend"), Map.of(),
                        Map.of(), List.of()));
        StringWriter out = new StringWriter();
        new DiffPrinter(yaml).print(changes, Redaction.none(), new DiffPrinter.Style(false, 2), new PrintWriter(out));
        Golden.assertText("diff-upgrade.txt", out.toString());
        assertTrue(out.toString().startsWith("+1 to create, ~1 to change, -0 to delete, 1 kept, 1 unchanged\n"));
    }

    @Test
    void coloursOnlyWhenAsked() {
        Change change = new Change(ChangeKind.CREATE, new ObjectKey("v1", "ConfigMap", "ns", "c"), null,
                Map.of("data", Map.of("a", "1")), List.of());
        StringWriter plain = new StringWriter();
        new DiffPrinter(yaml).print(List.of(change), Redaction.none(), new DiffPrinter.Style(false, 3), new PrintWriter(plain));
        assertFalse(plain.toString().contains("\u001b["));
        StringWriter colour = new StringWriter();
        new DiffPrinter(yaml).print(List.of(change), Redaction.none(), new DiffPrinter.Style(true, 3), new PrintWriter(colour));
        assertTrue(colour.toString().contains("\u001b[32m+"));
    }
}
