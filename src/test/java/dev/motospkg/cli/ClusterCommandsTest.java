package dev.motospkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.ActionFixture;
import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.Golden;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cluster commands' output as users read it, on the in-memory store and fake cluster through
 * Main's one seam (golden text; update with -Dgolden.update=true and review the diff).
 */
class ClusterCommandsTest {
    private final ActionFixture f = ActionFixture.inProject();

    private CliRun ok(String... args) {
        return f.ok(args);
    }

    @Test
    void installUpgradeStatusHistoryDiffUninstall() throws IOException {
        Golden.assertText("cli-install.txt", ok("install", "-f", "values/values-dev.yaml").out());
        Golden.assertText("cli-diff-upgrade.txt", ok("diff", "upgrade", "--set", "backend.tag=v2").out());
        f.clock.advance(java.time.Duration.ofMinutes(90));
        Golden.assertText("cli-upgrade.txt", ok("upgrade", "--set", "backend.tag=v2").out());
        Golden.assertText("cli-status.txt", ok("status").out());
        f.clock.advance(java.time.Duration.ofMinutes(30));
        // revision 1 keeps 12:00, when it was deployed, though it was superseded at 13:30
        Golden.assertText("cli-history.txt", ok("history").out());
        Golden.assertText("cli-backups.txt", ok("backups").out());
        Golden.assertText("cli-uninstall.txt", ok("uninstall").out());
    }

    @Test
    void uninstallDeleteDataSaysWhatItKept() throws IOException {
        ok("install", "-f", "values/values-dev.yaml");
        CliRun run = ok("uninstall", "--delete-data", "--keep-history");
        Golden.assertText("cli-uninstall-delete-data.txt", run.out());
        assertTrue(f.cluster.find("Namespace", null, "motos-app").isPresent(), "the words say kept, and it is");
        assertTrue(f.cluster.find("PersistentVolumeClaim", "motos-app", "media-pvc").isEmpty());
    }

    @Test
    void backupsOfAReleaseWithoutAnySaysWhenOneIsTaken() {
        ok("install", "-f", "values/values-dev.yaml");
        assertEquals("No backups of release motos in namespace motos-app: one is taken before an upgrade or rollback"
                + " that changes a PVC or the image of a workload that mounts one, and by `motospkg backup`.\n", ok("backups").out());
    }

    @Test
    void installIntoAnExistingNamespaceUsesIt() {
        f.cluster.apply(new java.util.LinkedHashMap<>(java.util.Map.of("apiVersion", "v1", "kind", "Namespace",
                "metadata", new java.util.LinkedHashMap<>(java.util.Map.of("name", "motos-app")))), false);
        CliRun run = ok("install", "-f", "values/values-dev.yaml");
        assertTrue(run.out().contains("  using    Namespace/motos-app (it existed; now labelled for this release)\n"),
                run.out());
        assertTrue(!run.out().contains("changed  Namespace"), run.out());
    }

    @Test
    void diffOfARefusedUpgradeCountsTheObjectAndExits1() throws IOException {
        ok("install", "-f", "values/values-dev.yaml");
        CliRun run = f.cli("diff", "upgrade", "--set", "postgres.storage=100Mi", "--exit-code");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().startsWith("+0 to create, ~0 to change, -0 to delete, 10 unchanged, 1 refused\n"), run.out());
        Golden.assertText("cli-diff-refused.txt", run.err());
        CliRun json = f.cli("diff", "upgrade", "--set", "postgres.storage=100Mi", "-o", "json");
        assertEquals(1, json.exitCode());
        assertTrue(json.out().contains("\"refused\": ["), json.out());
    }

    @Test
    void diffJsonListsTheStepsTheCommandWouldRun() {
        ok("install", "-f", "values/values-dev.yaml");
        ok("upgrade", "--set", "backend.tag=v2");
        CliRun json = f.cli("diff", "rollback", "-o", "json");
        assertEquals(0, json.exitCode(), json.err());
        String out = json.out();
        assertTrue(out.contains("\"steps\": ["), out);
        for (String step : List.of("schema-check", "backup", "backup-media", "restore", "migrate")) {
            assertTrue(out.contains("\"name\": \"" + step + "\",\n      \"kind\": \"Job\",\n      \"phase\": \"pre-rollback\""),
                    step + " in " + out);
        }
        assertTrue(out.contains("\"when\": \"restore\""), out);
    }

    @Test
    void aSecondReleaseInTheSameNamespaceIsRefusedNamingTheFirstAndWritesNothing() throws IOException {
        ok("install", "-f", "values/values-dev.yaml");
        var objects = f.cluster.find("Deployment", "motos-app", "backend").orElseThrow();
        CliRun run = f.cli("install", "other", "-f", "values/values-dev.yaml");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        Golden.assertText("cli-install-second-release.txt", run.out() + run.err());
        assertTrue(f.store.history("motos-app", "other").isEmpty(), "no release record");
        assertEquals(objects, f.cluster.find("Deployment", "motos-app", "backend").orElseThrow(), "nothing taken");
        assertEquals(1, f.cli("diff", "install", "other", "-f", "values/values-dev.yaml").exitCode());
        // in a namespace of its own it installs (its node port must differ: the cluster has one node)
        ok("install", "other", "-n", "other", "-f", "values/values-dev.yaml", "--set", "frontend.service.nodePort=null");
    }
}
