package dev.motospkg.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.release.AppliedTo;
import dev.motospkg.release.Release;
import dev.motospkg.testing.ActionFixture;
import dev.motospkg.testing.CliRun;
import dev.motospkg.values.ValuesRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every writing command names its target before it writes; every revision records the cluster it
 * was applied to; a release whose history names another cluster is warned about.
 */
class ClusterIdentityTest {
    private static final String NS = "motos-app";
    private static final String TARGET = "Target: fake cluster, namespace motos-app, kube-system uid ";
    private final ActionFixture f = ActionFixture.inProject();

    private CliRun ok(String... args) {
        CliRun run = f.cli(args);
        assertEquals(0, run.exitCode(), run.out() + run.err());
        return run;
    }

    private Release revision(int n) {
        return f.store.history(NS, "motos").stream().filter(r -> r.revision() == n).findFirst().orElseThrow();
    }

    @Test
    void everyWritingCommandNamesItsTargetFirstAndEveryRevisionRecordsTheCluster() {
        assertTrue(ok("install", "-f", "values/values-dev.yaml").out().startsWith(TARGET + "fake-kube-system-uid\n"
                + "Install motos.v1"));
        assertTrue(ok("upgrade", "--set", "backend.tag=v2").out().startsWith(TARGET + "fake-kube-system-uid\n"
                + "Upgrade motos.v2"));
        assertTrue(ok("rollback", "motos", "1").out().startsWith(TARGET + "fake-kube-system-uid\n"));
        for (int n = 1; n <= 3; n++) {
            assertEquals(new AppliedTo("fake-kube-system-uid", "fake cluster"), revision(n).appliedTo(), "revision " + n);
        }
        // a no-op upgrade writes nothing, and still said where it looked
        CliRun same = ok("upgrade", "--set", "backend.tag=v1");
        assertTrue(same.out().startsWith(TARGET + "fake-kube-system-uid\n"), same.out());
        assertTrue(ok("uninstall", "--keep-history").out().startsWith(TARGET + "fake-kube-system-uid\n"));
    }

    @Test
    void aReleaseRecordedOnAnotherClusterIsWarnedAboutBeforeItChanges() {
        ok("install", "-f", "values/values-dev.yaml");
        f.cluster.identity = "restored-cluster-uid"; // the release's Secrets restored into a new cluster
        String warning = "Warning: motos.v1 was applied to another cluster (kube-system uid fake-kube-system-uid, reached"
                + " as fake cluster); this cluster's kube-system uid is restored-cluster-uid (fake cluster). Its release"
                + " records were copied or restored here, so the objects may differ from what its history says:"
                + " `motospkg diff upgrade` shows how, `motospkg doctor` shows which cluster the kubeconfig reaches.\n";
        CliRun status = ok("status");
        assertTrue(status.out().startsWith(warning), status.out());
        assertTrue(ok("history").out().startsWith(warning));
        assertFalse(ok("status", "-o", "json").out().contains("Warning"), "JSON stays JSON");
        CliRun upgrade = ok("upgrade", "--set", "backend.tag=v2");
        assertTrue(upgrade.out().startsWith(TARGET + "restored-cluster-uid\n" + warning + "Upgrade motos.v2"),
                upgrade.out());
        assertEquals("restored-cluster-uid", revision(2).appliedTo().clusterId(), "the new revision records this cluster");
        assertFalse(ok("status").out().contains("Warning"), "the newest revision is this cluster's now");
    }

    @Test
    void aClusterWithoutReadableIdentityIsSaidAndNotWarnedAbout() {
        f.cluster.identity = null;
        CliRun run = ok("install", "-f", "values/values-dev.yaml");
        assertTrue(run.out().startsWith("Target: fake cluster, namespace motos-app (cluster identity unknown:"
                + " kube-system is not readable)\n"), run.out());
        assertEquals(new AppliedTo(null, "fake cluster"), revision(1).appliedTo());
        f.cluster.identity = "some-uid";
        assertFalse(ok("status").out().contains("Warning"), "nothing recorded, nothing to compare");
    }

    @Test
    void revisionsWrittenBeforeTheClusterWasRecordedDoNotWarn() {
        Release old = new Install(f.ctx).run(new Install.Options(null, new ValuesRequest(
                List.of(Path.of("values/values-dev.yaml")), List.of()), ReleaseTarget.defaults(), WaitOptions.none(),
                false, 10, Takeover.none()));
        f.store.update(new Release(old.name(), old.namespace(), old.revision(), old.status(), old.chart(), old.values(),
                old.manifest(), old.firstDeployed(), old.lastDeployed(), old.description()));
        f.cluster.identity = "another";
        assertFalse(ok("status").out().contains("Warning"));
    }
}
