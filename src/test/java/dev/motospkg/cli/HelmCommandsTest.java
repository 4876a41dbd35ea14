package dev.motospkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.ActionFixture;
import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm's commands and flags users reach for: completion, version, history --max, uninstall --dry-run,
 * template --show-only, get values --all (memory store and fake cluster; golden text where there is output).
 */
class HelmCommandsTest {
    private final ActionFixture f = ActionFixture.inProject();

    private CliRun ok(String... args) {
        return f.ok(args);
    }

    @Test
    void completionScriptsForBashAndZsh(@TempDir Path dir) throws Exception {
        CliRun bash = ok("completion", "bash");
        Golden.assertText("cli-completion-bash.txt", bash.out(), HelmCommandsTest::anyOptionOrder);
        assertTrue(bash.out().contains("uninstall") && bash.out().contains("--show-only"), "every command is in it");
        assertEquals("#compdef motospkg\n" + bash.out(), ok("completion", "zsh").out());
        // the script works: bash sources it and then completes motospkg with it
        Path script = Files.writeString(dir.resolve("motospkg.bash"), bash.out());
        Process p = new ProcessBuilder("bash", "-c", "source " + script + " && complete -p motospkg")
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), said);
        assertTrue(said.contains("motospkg"), said);
        CliRun fish = f.cli("completion", "fish");
        assertEquals(2, fish.exitCode());
        assertTrue(fish.err().startsWith("Error: Invalid value for positional parameter at index 0 (SHELL): expected"
                + " one of [bash, zsh]"), fish.err());
    }

    /** The script's lines, sorted, with the option lists in them sorted: the same script whatever the option order. */
    static String anyOptionOrder(String script) {
        return String.join("\n", script.lines().map(line -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\s*local \\w+=\")(.*)(\")$").matcher(line);
            return m.matches() ? m.group(1) + String.join(" ", java.util.Arrays.stream(m.group(2).split(" ")).sorted()
                    .toList()) + m.group(3) : line;
        }).sorted().toList());
    }

    @Test
    void versionAsHelmVersion() {
        String line = ok("--version").out();
        assertTrue(line.matches("motospkg [0-9]+\\.[0-9]+\\.[0-9]+(-SNAPSHOT)?\n"), line);
        assertEquals(line, ok("version").out());
        assertEquals(line.substring("motospkg ".length()), ok("version", "--short").out());
    }

    @Test
    void historyMaxShowsTheNewestRevisions() throws IOException {
        ok("install", "-f", "values/values-dev.yaml");
        for (String tag : new String[] {"v2", "v3", "v4"}) {
            f.clock.advance(Duration.ofMinutes(10));
            ok("upgrade", "--set", "backend.tag=" + tag);
        }
        Golden.assertText("cli-history-max.txt", ok("history", "--max", "2").out());
        assertEquals(4, ok("history", "-o", "json", "--max", "9").out().split("\"revision\"").length - 1);
        CliRun none = f.cli("history", "--max", "0");
        assertEquals(2, none.exitCode());
        assertEquals("Error: --max 0 would show no revision\n"
                + "Hint: Use --max 1 or more (--max 1: the newest revision only).\n", none.err());
    }

    @Test
    void uninstallDryRunSaysWhatAndChangesNothing() throws IOException {
        ok("install", "-f", "values/values-dev.yaml");
        f.cluster.delete(new dev.motospkg.kube.ObjectKey("v1", "Service", "motos-app", "backend"));
        var before = f.store.history("motos-app", "motos");
        Golden.assertText("cli-uninstall-dry-run.txt", ok("uninstall", "--dry-run").out());
        Golden.assertText("cli-uninstall-dry-run-delete-data.txt",
                ok("uninstall", "--dry-run", "--delete-data", "--keep-history").out());
        assertEquals(before, f.store.history("motos-app", "motos"), "no record written");
        assertTrue(f.cluster.find("Deployment", "motos-app", "backend").isPresent(), "no object deleted");
        assertTrue(f.cluster.find("PersistentVolumeClaim", "motos-app", "postgres-pvc").isPresent());
        ok("uninstall"); // and no lock left behind
        CliRun gone = f.cli("uninstall", "--dry-run");
        assertEquals(2, gone.exitCode());
        assertTrue(gone.err().startsWith("Error: release motos is not installed in namespace motos-app\n"), gone.err());
    }

    @Test
    void templateShowOnly() throws IOException {
        CliRun one = ok("template", "-f", "values/values-dev.yaml", "--show-only", "templates/00-namespace.yaml");
        Golden.assertYaml("template-show-only.yaml", one.out());
        CliRun services = ok("template", "-s", "templates/*-service.yaml", "-s", "templates/00-namespace.yaml");
        assertEquals(4, services.out().split("\n---\n|^---\n").length - 1, services.out());
        CliRun unknown = f.cli("template", "--show-only", "templates/99-nope.yaml");
        assertEquals(2, unknown.exitCode());
        Golden.assertText("cli-template-show-only-unknown.txt", unknown.err());
        CliRun partial = f.cli("template", "--show-only", "templates/_helpers.j2");
        assertEquals(2, partial.exitCode(), "a partial is not a template");
        CliRun nothing = f.cli("template", "--set", "postgres.auth.existingSecret=mine", "--show-only",
                "templates/*postgres-secret.yaml");
        assertEquals(2, nothing.exitCode());
        assertEquals("Error: --show-only templates/*postgres-secret.yaml: it renders nothing with these values (a"
                + " condition in the template is false)\nHint: `motospkg template` without --show-only shows what"
                + " these values render.\n", nothing.err());
    }

    @Test
    void getValuesAllIsTheDefaultsWithTheSuppliedOnTopSecretsMasked() throws IOException {
        ok("install", "-f", "values/values-dev.yaml", "--set", "backend.tag=v7", "--set-string",
                "postgres.auth.password=s3cret");
        CliRun supplied = ok("get", "values");
        assertTrue(!supplied.out().contains("repository:"), "without --all: only what was supplied");
        CliRun all = ok("get", "values", "--all");
        Golden.assertText("cli-get-values-all.txt", all.out());
        assertTrue(!all.out().contains("s3cret"), all.out());
        assertEquals("", all.err());
        assertTrue(ok("get", "values", "-a", "--show-secrets").out().contains("s3cret"));
        assertTrue(ok("get", "values", "--all", "-o", "json").out().contains("\"tag\": \"v7\""));
    }

    @Test
    void getValuesAllSaysWhenTheChartHereIsAnotherVersion() {
        ok("install", "-f", "values/values-dev.yaml");
        var r = f.store.history("motos-app", "motos").get(0);
        f.store.update(new dev.motospkg.release.Release(r.name(), r.namespace(), r.revision(), r.status(),
                new dev.motospkg.chart.ChartMetadata("motos", "0.0.9", "v1", null), r.values(), r.manifest(),
                r.firstDeployed(), r.lastDeployed(), r.description()));
        CliRun run = ok("get", "values", "--all");
        assertEquals("Note: the defaults shown are those of the chart here, version 0.1.0; revision 1 was made with"
                + " version 0.0.9\n", run.err());
        assertEquals("", ok("get", "values").err(), "without --all no defaults are shown, so nothing to say");
    }

    @Test
    void getValuesAllNeedsTheChart(@TempDir Path elsewhere) {
        ok("install", "-f", "values/values-dev.yaml");
        CliRun run = f.cli(elsewhere, "get", "values", "motos", "--all", "-n", "motos-app");
        assertEquals(2, run.exitCode(), run.out());
        assertEquals("Error: get values --all needs the chart: a revision stores only the values supplied, the"
                + " defaults are the chart's\nHint: Run it where chart/ is, or give --chart DIR.\n", run.err());
    }
}
