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
}
