package dev.motospkg.it;

import static dev.motospkg.it.ReleaseLifecycleIT.NODEPORT_ANY;
import static dev.motospkg.it.ReleaseLifecycleIT.motospkg;
import static dev.motospkg.it.ReleaseLifecycleIT.releaseRecords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.RealCluster;
import dev.motospkg.testing.TestCluster;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two operations on one release never interleave; a killed one never leaves the release stuck. */
@RealCluster
class LockingIT {

    @Test
    void twoUpgradesAtOnceExactlyOneWins(TestCluster cluster) throws Exception {
        assertEquals(0, motospkg(cluster, "install", "-f", "values/values-dev.yaml", "--set", NODEPORT_ANY).exitCode());
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<CliRun>> runs = List.of("v2", "v3").stream()
                .map(tag -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return motospkg(cluster, "upgrade", "--set", "backend.tag=" + tag);
                }))
                .toList();
        start.countDown();
        List<CliRun> results = runs.stream().map(CompletableFuture::join).toList();
        long ok = results.stream().filter(r -> r.exitCode() == 0).count();
        // Both may succeed one after the other if the first finished before the second asked; then
        // history is still linear. What must never happen is two interleaved writers.
        CliRun refused = results.stream().filter(r -> r.exitCode() != 0).findFirst().orElse(null);
        if (refused != null) {
            assertEquals(1, ok, results.toString());
            assertTrue(refused.err().contains("is locked by"), refused.err());
            assertTrue(refused.err().contains("since"), refused.err());
            assertEquals(2, releaseRecords(cluster).size());
        } else {
            assertEquals(3, releaseRecords(cluster).size());
        }
        long deployed = releaseRecords(cluster).stream()
                .filter(s -> "deployed".equals(s.getMetadata().getLabels().get("status"))).count();
        assertEquals(1, deployed, "exactly one deployed revision");
    }

    @Test
    void killDashNineMidUpgradeThenTheNextUpgradeSucceeds(TestCluster cluster) throws Exception {
        assertEquals(0, motospkg(cluster, "install", "-f", "values/values-dev.yaml", "--set", NODEPORT_ANY).exitCode());
        Path jar = Path.of("target", "motospkg.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the packaged jar exists in the verify phase: " + jar);
        // --wait on a cluster without controllers never finishes: the process is mid-upgrade, holding the lock.
        Process upgrade = new ProcessBuilder(javaBin(), "-jar", jar.toString(), "upgrade", "--set", "backend.tag=v2",
                "--wait", "--timeout", "5m", "-n", cluster.namespace(), "--kubeconfig", cluster.kubeconfig().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!pendingUpgradeRecorded(cluster) && System.nanoTime() < deadline) {
                assertTrue(upgrade.isAlive(), "the upgrade process died early");
                Thread.sleep(100);
            }
            assertTrue(pendingUpgradeRecorded(cluster), "revision 2 recorded pending-upgrade");
        } finally {
            upgrade.destroyForcibly(); // SIGKILL: no shutdown hooks, the lease is left behind
            upgrade.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(cluster.client().leases().inNamespace(cluster.namespace()).withName("motospkg.lock.motos").get() != null,
                "the killed process left its lock");

        CliRun next = motospkg(cluster, "upgrade", "--set", "backend.tag=v3");
        assertEquals(0, next.exitCode(), next.out() + next.err());
        assertTrue(next.out().contains("marked failed and continuing"), next.out());
        CliRun history = motospkg(cluster, "history");
        assertTrue(history.out().lines().anyMatch(l -> l.startsWith("2 ") && l.contains("failed")), history.out());
        assertTrue(history.out().lines().anyMatch(l -> l.startsWith("3 ") && l.contains("deployed")), history.out());
    }

    private static boolean pendingUpgradeRecorded(TestCluster cluster) {
        return releaseRecords(cluster).stream().map(Secret::getMetadata)
                .anyMatch(m -> "pending-upgrade".equals(m.getLabels().get("status")));
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
