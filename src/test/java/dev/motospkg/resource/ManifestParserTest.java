package dev.motospkg.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import dev.motospkg.render.RenderedFile;
import dev.motospkg.yaml.YamlCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestParserTest {
    private final ManifestParser parser = new ManifestParser(new YamlCodec());

    @Test
    void everyProblemIsReportedWithTemplateAndLine() {
        RenderedFile file = new RenderedFile("templates/05-backend.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: ok}
                ---
                apiVersion: v1
                metadata: {name: no-kind}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: Bad_Name}
                """);
        MotosException e = assertThrows(MotosException.class, () -> parser.parse(List.of(file)));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("templates/05-backend.yaml:5: missing kind"), e.getMessage());
        assertTrue(e.getMessage().contains("templates/05-backend.yaml:8: metadata.name \"Bad_Name\""), e.getMessage());
    }

    @Test
    void yamlErrorsNameTheRenderedLine() {
        RenderedFile file = new RenderedFile("templates/x.yaml", "apiVersion: v1\nkind: A\n---\nkind: [\n");
        MotosException e = assertThrows(MotosException.class, () -> parser.parse(List.of(file)));
        assertTrue(e.getMessage().contains("templates/x.yaml (rendered):"), e.getMessage());
    }

    @Test
    void emptyDocumentsAndCommentsYieldNothing() {
        RenderedFile file = new RenderedFile("templates/x.yaml", "# nothing\n---\n\n---\n");
        assertEquals(List.of(), parser.parse(List.of(file)));
    }

    @Test
    void storedManifestKeepsItsSources() {
        String manifest = "---\n# Source: templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"
                + "---\n# Source: templates/b.yaml\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n";
        List<KubeObject> objects = parser.parseManifest(manifest);
        assertEquals(List.of("templates/a.yaml", "templates/b.yaml"), objects.stream().map(KubeObject::source).toList());
        assertEquals("Secret", objects.get(1).kind());
    }

    /** Past PARALLEL_FROM_CHARS documents are parsed on both cores; objects and errors keep their order. */
    @Test
    void largeRendersKeepTheOrderOfObjectsAndErrors() {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        int n = 2000;
        for (int i = 0; i < n; i++) {
            StringBuilder sb = i < n / 2 ? a : b;
            String kind = i == 7 || i == 1990 ? "" : "kind: ConfigMap\n";
            sb.append("apiVersion: v1\n").append(kind).append("metadata: {name: cm-").append(i)
                    .append("}\ndata: {padding: \"").append("x".repeat(200)).append("\"}\n---\n");
        }
        List<RenderedFile> files = List.of(new RenderedFile("templates/a.yaml", a.toString()),
                new RenderedFile("templates/b.yaml", b.toString()));
        assertTrue(a.length() + b.length() > ManifestParser.PARALLEL_FROM_CHARS);
        MotosException e = assertThrows(MotosException.class, () -> parser.parse(files));
        assertEquals("the rendered manifests are not valid Kubernetes objects:\n"
                + "  templates/a.yaml:36: missing kind\n"
                + "  templates/b.yaml:4951: missing kind", e.getMessage());

        List<RenderedFile> valid = List.of(new RenderedFile("templates/a.yaml", a.toString().replace(
                "metadata: {name: cm-7}", "kind: ConfigMap\nmetadata: {name: cm-7}")),
                new RenderedFile("templates/b.yaml", b.toString().replace(
                        "metadata: {name: cm-1990}", "kind: ConfigMap\nmetadata: {name: cm-1990}")));
        List<KubeObject> objects = parser.parse(valid);
        assertEquals(n, objects.size());
        for (int i = 0; i < n; i++) {
            assertEquals("cm-" + i, objects.get(i).ref().name());
            assertEquals(i < n / 2 ? "templates/a.yaml" : "templates/b.yaml", objects.get(i).source());
        }
    }
}
