package dev.motospkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void devRenderMatchesGolden() throws IOException {
        CliRun run = CliRun.inProject("template", "-f", "values/values-dev.yaml");
        assertEquals(0, run.exitCode(), run.err());
        Golden.assertYaml("template-dev.yaml", run.out());
        assertTrue(run.out().startsWith("---\n# Source: templates/00-namespace.yaml\n"), run.out());
    }

    @Test
    void prodRenderMatchesGolden() throws IOException {
        CliRun run = CliRun.inProject("template", "-f", "values/values-prod.yaml",
                "--set-string", "postgres.auth.password=golden-test-password");
        assertEquals(0, run.exitCode(), run.err());
        Golden.assertYaml("template-prod.yaml", run.out());
    }

    @Test
    void renderIsDeterministic() {
        assertEquals(CliRun.inProject("template", "-f", "values/values-dev.yaml").out(),
                CliRun.inProject("template", "-f", "values/values-dev.yaml").out());
    }

    @Test
    void outputDirGetsOneFilePerTemplate() throws IOException {
        Path dir = tmp.resolve("out");
        CliRun run = CliRun.inProject("template", "-f", "values/values-dev.yaml", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("00-namespace.yaml", "01-postgres-secret.yaml", "02-postgres-pvc.yaml",
                    "03-media-pvc.yaml", "03b-backup-pvc.yaml", "04-postgres-deployment.yaml", "05-postgres-service.yaml",
                    "06-backend-deployment.yaml", "07-backend-service.yaml", "08-frontend-deployment.yaml",
                    "09-frontend-service.yaml", "10-schema-check-job.yaml", "11-backup-job.yaml", "12-backup-media-job.yaml",
                "13-restore-job.yaml", "14-migrate-job.yaml"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.readString(dir.resolve("06-backend-deployment.yaml"))
                .contains("# Source: templates/06-backend-deployment.yaml"));
    }

    @Test
    void aFileLeftFromAnEarlierRenderIsPointedOut() {
        Path dir = tmp.resolve("out");
        assertEquals(0, CliRun.inProject("template", "--output-dir", dir.toString()).exitCode());
        CliRun again = CliRun.inProject("template", "--set", "postgres.auth.existingSecret=my-db", "--output-dir",
                dir.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("01-postgres-secret.yaml is from an earlier render"), again.out());
    }

    @Test
    void existingSecretSkipsTheSecretTemplate() {
        CliRun run = CliRun.inProject("template", "--set", "postgres.auth.existingSecret=my-db");
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.out().contains("01-postgres-secret.yaml"), run.out());
        assertTrue(run.out().contains("name: \"my-db\""), run.out());
    }

    @Test
    void setOnAStringFieldStaysAString() {
        CliRun run = CliRun.inProject("template", "--set", "backend.tag=2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("motos-backend:2"), run.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "backend.tag=latest|backend.tag|--set backend.tag",
        "frontend.service.type=Bogus|frontend.service.type|--set frontend.service.type",
        "frontend.service.nodePort=80|frontend.service.nodePort|--set frontend.service.nodePort",
        "media.storage=ten|media.storage|--set media.storage",
        "backend.tga=v2|backend.tga|--set backend.tga",
    })
    void invalidValuesExit2NamingPathAndOriginAndWriteNothing(String set, String path, String origin) {
        Path dir = tmp.resolve("never");
        CliRun run = CliRun.inProject("template", "-f", "values/values-dev.yaml", "--set", set,
                "--output-dir", dir.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("Error: invalid values"), run.err());
        assertTrue(run.err().contains(path + ":"), run.err());
        assertTrue(run.err().contains("from " + origin), run.err());
        assertTrue(run.err().contains("Hint: "), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace without --debug: " + run.err());
        assertFalse(Files.exists(dir), "nothing written");
    }

    @Test
    void repeatedSetsApplyInOrderAcrossFlags() {
        CliRun run = CliRun.inProject("template", "--set", "backend.tag=v7", "--set-string", "backend.tag=v8",
                "--set", "frontend.tag=v9");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("motos-backend:v8"), run.out());
        assertTrue(run.out().contains("motos-frontend:v9"), run.out());
    }

    @Test
    void aNodePortOnAClusterIpServiceIsExplained() {
        CliRun run = CliRun.inProject("template", "--set", "frontend.service.type=ClusterIP");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("frontend.service.nodePort: a node port is only meaningful with type NodePort"),
                run.err());
        assertEquals(0, CliRun.inProject("template", "--set", "frontend.service.type=ClusterIP", "--set",
                "frontend.service.nodePort=null").exitCode());
    }

    @Test
    void aNodePortIsKeptForALoadBalancer() {
        CliRun run = CliRun.inProject("template", "--set", "frontend.service.type=LoadBalancer", "--set",
                "backend.service.type=LoadBalancer", "--set", "backend.service.nodePort=30800", "--show-only",
                "templates/*-service.yaml");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("type: LoadBalancer\n") && run.out().contains("      nodePort: 30080\n")
                && run.out().contains("      nodePort: 30800\n"), run.out());
        CliRun picked = CliRun.inProject("template", "--set", "frontend.service.type=LoadBalancer", "--set",
                "frontend.service.nodePort=null");
        assertFalse(picked.out().contains("nodePort"), "null: Kubernetes picks one");
    }

    @Test
    void oneObjectRenderedTwiceIsRefusedNamingBothTemplates() throws IOException {
        Path chart = tmp.resolve("twice");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: twice\nversion: 0.1.0\n");
        String map = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n";
        Files.writeString(chart.resolve("templates/a.yaml"), map);
        Files.writeString(chart.resolve("templates/b.yaml"), map.replace("v1", "v1\n# the same object"));
        CliRun run = CliRun.inProject("template", "--chart", chart.toString(), "-n", "team");
        assertEquals(2, run.exitCode(), run.out());
        assertEquals("Error: the chart renders the same object more than once:\n"
                + "  ConfigMap/same (in templates/a.yaml and templates/b.yaml)\n"
                + "Hint: Give each object its own name, or remove one of them.\n", run.err());
    }

    @Test
    void typoGetsADidYouMean() {
        CliRun run = CliRun.inProject("template", "--set", "backend.tga=v2");
        assertTrue(run.err().contains("did you mean \"tag\""), run.err());
    }

    @Test
    void allViolationsAtOnceWithFileOrigin() throws IOException {
        Path values = tmp.resolve("bad.yaml");
        Files.writeString(values, "backend:\n  tag: latest\nmedia:\n  storage: ten\n");
        CliRun run = CliRun.inProject("template", "-f", values.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("2 problems"), run.err());
        assertTrue(run.err().contains("from " + values), run.err());
    }

    @Test
    void yamlSyntaxErrorNamesFileAndLine() throws IOException {
        Path values = tmp.resolve("broken.yaml");
        Files.writeString(values, "backend:\n  tag: v1\n   oops: [\n");
        CliRun run = CliRun.inProject("template", "-f", values.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().matches("(?s)Error: " + java.util.regex.Pattern.quote(values.toString()) + ":\\d+: YAML syntax error.*"),
                run.err());
    }

    @Test
    void yamlBombIsRefused() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (int i = 1; i < 10; i++) {
            char prev = (char) ('a' + i - 1);
            char cur = (char) ('a' + i);
            bomb.append(cur).append(": &").append(cur).append(" [");
            bomb.append(String.join(",", java.util.Collections.nCopies(9, "*" + prev))).append("]\n");
        }
        Path values = tmp.resolve("bomb.yaml");
        Files.writeString(values, bomb.toString());
        CliRun run = CliRun.inProject("template", "-f", values.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("YAML bomb"), run.err());
    }

    @Test
    void debugShowsTheStackTrace() {
        CliRun run = CliRun.inProject("template", "--debug", "--set", "backend.tag=latest");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void missingChartIsAClearError() {
        CliRun run = CliRun.of(tmp, "template");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Chart.yaml not found"), run.err());
        assertTrue(run.err().contains("Hint: "), run.err());
    }

    @Test
    void versionAndHelp() {
        CliRun version = CliRun.inProject("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("motospkg "), version.out());
        for (String cmd : List.of("template", "lint")) {
            CliRun help = CliRun.inProject(cmd, "--help");
            assertEquals(0, help.exitCode());
            assertTrue(help.out().contains("Usage: motospkg " + cmd), help.out());
        }
    }

    @Test
    void unknownOptionIsInvalidInput() {
        CliRun run = CliRun.inProject("template", "--nope");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("Error: Unknown option"), run.err());
    }
}
