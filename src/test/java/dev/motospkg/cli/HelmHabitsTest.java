package dev.motospkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.ActionFixture;
import dev.motospkg.testing.CliRun;
import org.junit.jupiter.api.Test;

/** What users coming from Helm type, on the memory store and fake cluster. */
class HelmHabitsTest {
    private final ActionFixture f = ActionFixture.inProject();

    private CliRun ok(String... args) {
        return f.ok(args);
    }

    @Test
    void upgradeValidatesOnceWithTheReleasesOwnValues() {
        ok("install", "-f", "values/values-dev.yaml", "--set", "frontend.service.nodePort=null");
        // the release has no nodePort any more; checking --set alone against the defaults (30080) refused this
        ok("diff", "upgrade", "--set", "frontend.service.type=ClusterIP");
        CliRun run = ok("upgrade", "--set", "frontend.service.type=ClusterIP");
        assertTrue(run.out().contains("changed  Service/motos-app/frontend"), run.out());
    }

    @Test
    void aHelmUpgradeLineFromCiDeploysOrFailsNeverNothing() {
        CliRun run = ok("upgrade", "--install", "--version", "0.1.0", "--set", "backend.tag=v2", "-f",
                "values/values-dev.yaml");
        assertTrue(run.out().contains("Release motos revision 1: deployed"), run.out());
        CliRun wrong = f.cli("upgrade", "--version", "0.2.0", "--set", "backend.tag=v3");
        assertEquals(2, wrong.exitCode());
        assertEquals("Error: --version 0.2.0 asked for, but the chart is version 0.1.0\n"
                + "Hint: motospkg uses the chart folder it is given, not a repository: check out the chart of version"
                + " 0.2.0, or drop --version.\n", wrong.err());
    }

    @Test
    void unknownFlagsExit2WithAHint() {
        CliRun run = f.cli("upgrade", "--wait-for-everything");
        assertEquals(2, run.exitCode());
        assertEquals("Error: Unknown option: '--wait-for-everything'\n"
                + "Hint: run `motospkg upgrade --help` for usage.\n", run.err());
        CliRun version = f.cli("status", "--version");
        assertEquals(2, version.exitCode());
        assertTrue(version.err().contains("Hint: `motospkg --version` prints motospkg's version"), version.err());
    }

    @Test
    void helmFlagsThatAreMotospkgsDefaultAreAcceptedAndSaySo() {
        CliRun install = ok("install", "--create-namespace", "-f", "values/values-dev.yaml");
        assertEquals("Note: --create-namespace is motospkg's default: a missing namespace is always created.\n",
                install.err());
        CliRun upgrade = ok("upgrade", "--reuse-values", "--set", "backend.tag=v2");
        assertTrue(upgrade.err().contains("--reuse-values is motospkg's default"), upgrade.err());
        assertEquals(2, f.cli("upgrade", "--reuse-values", "--reset-values").exitCode());
    }

    @Test
    void positionalNameAndChartAsInHelmAndTheDocs() {
        CliRun run = ok("install", "motos", "chart/", "-f", "values/values-dev.yaml");
        assertTrue(run.out().contains("Release motos revision 1: deployed"), run.out());
        ok("upgrade", "motos", "chart/", "--set", "backend.tag=v2");
        ok("diff", "upgrade", "motos", "./chart", "--set", "backend.tag=v3");
        ok("lint", "chart/", "-f", "values/values-dev.yaml");
        CliRun template = ok("template", "other", "chart", "-n", "elsewhere");
        assertTrue(template.out().contains("app.kubernetes.io/instance: \"other\""), template.out());
        CliRun alone = ok("template", "chart/");
        assertTrue(alone.out().contains("app.kubernetes.io/instance: \"motos\""), alone.out());
        CliRun twice = f.cli("template", "motos", "chart/", "--chart", "elsewhere/");
        assertEquals(2, twice.exitCode());
        assertTrue(twice.err().contains("two charts given"), twice.err());
    }

    @Test
    void timeoutInMilliseconds() {
        ok("install", "-f", "values/values-dev.yaml", "--wait", "--timeout", "500ms");
    }

    @Test
    void everyOutputFlagIsCheckedAgainstWhatTheCommandPrints() {
        ok("install", "-f", "values/values-dev.yaml");
        CliRun table = f.cli("get", "values", "-o", "table");
        assertEquals(2, table.exitCode(), table.out());
        assertEquals("", table.out());
        assertEquals("Error: this command has no table output\nHint: Use -o yaml or -o json.\n", table.err());
        assertTrue(ok("get", "values", "-o", "json").out().startsWith("{"));
        assertEquals(2, f.cli("diff", "upgrade", "-o", "yaml").exitCode());
        assertEquals(2, f.cli("history", "-o", "diff").exitCode());
        CliRun typo = f.cli("status", "-o", "jsn");
        assertEquals("Error: unknown output format \"jsn\"\nHint: Use -o table or -o json or -o yaml.\n", typo.err());
        assertTrue(ok("status", "-o", "YAML").out().startsWith("name: motos"));
    }

    @Test
    void aWrongNamespaceNamesTheOneThatHasTheRelease() {
        ok("install", "-f", "values/values-dev.yaml");
        CliRun upgrade = f.cli("upgrade", "-n", "default", "--set", "backend.tag=v2");
        assertEquals(2, upgrade.exitCode());
        assertEquals("Error: release motos has no deployed revision in namespace default\n"
                + "Hint: A release motos is in namespace motos-app: add -n motos-app.\n", upgrade.err());
        CliRun status = f.cli("status", "-n", "default");
        assertEquals("Error: release motos not found in namespace default\n"
                + "Hint: A release motos is in namespace motos-app: add -n motos-app.\n", status.err());
    }

    @Test
    void statusAgreesWithListAfterUninstallKeepHistoryAndRollbackRevives() {
        ok("install", "-f", "values/values-dev.yaml");
        ok("uninstall", "--keep-history");
        assertTrue(ok("list", "-A").out().contains("uninstalled"));
        CliRun status = ok("status");
        assertTrue(status.out().contains("STATUS: uninstalled"), status.out());
        assertTrue(status.out().contains("`motospkg rollback motos -n motos-app` brings revision 1 back."), status.out());
        CliRun upgrade = f.cli("upgrade", "--set", "backend.tag=v2");
        assertEquals("Error: release motos was uninstalled from namespace motos-app (history kept)\n"
                + "Hint: `motospkg rollback motos -n motos-app` brings it back.\n", upgrade.err());
        CliRun rollback = ok("rollback");
        assertTrue(rollback.out().contains("Release motos revision 2: deployed (Rollback to 1)."), rollback.out());
        assertTrue(f.cluster.find("Deployment", "motos-app", "backend").isPresent());
        assertTrue(ok("status").out().contains("STATUS: deployed"));
    }
}
