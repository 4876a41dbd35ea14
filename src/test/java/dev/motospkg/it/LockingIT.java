package dev.motospkg.it;

import static dev.motospkg.it.ReleaseLifecycleIT.NODEPORT_ANY;
import static dev.motospkg.it.ReleaseLifecycleIT.deployedRevisions;
import static dev.motospkg.it.ReleaseLifecycleIT.motospkg;
import static dev.motospkg.it.ReleaseLifecycleIT.releaseRecords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.ControllerPlayer;
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
    void twoUpgradesAtOnceExactlyOneWins(TestCluster cluster, ControllerPlayer controller) throws Exception {
        assertEquals(0, motospkg(cluster, "install", "-f", "values/values-dev.yaml", "--set", NODEPORT_ANY).exitCode());
        CountDownLatch start = new CountDownLatch(1);
        // --wait keeps the winner holding the lock until this test plays the controllers, which it does only
        // once the other upgrade has finished: so they overlap for certain, and exactly one may win.
        List<CompletableFuture<CliRun>> runs = List.of("v2", "v3").stream()
                .map(tag -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return motospkg(cluster, "upgrade", "--set", "backend.tag=" + tag, "--wait", "--timeout", "60s");
                }))
                .toList();
        start.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (runs.stream().noneMatch(CompletableFuture::isDone) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        while (!runs.stream().allMatch(CompletableFuture::isDone) && System.nanoTime() < deadline) {
            for (String d : List.of("postgres", "backend", "frontend")) {
                controller.markDeploymentAvailable(d);
            }
            controller.markPvcBound("postgres-pvc");
            controller.markPvcBound("media-pvc");
            Thread.sleep(200);
        }
        List<CliRun> results = runs.stream().map(CompletableFuture::join).toList();
        assertEquals(1, results.stream().filter(r -> r.exitCode() == 0).count(), results.toString());
        CliRun refused = results.stream().filter(r -> r.exitCode() != 0).findFirst().orElseThrow();
        assertEquals(1, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("is locked by"), refused.err());
        assertTrue(refused.err().contains("since"), refused.err());
        assertEquals(2, releaseRecords(cluster).size(), "the install and the winner's revision; nothing of the loser");
        long deployed = deployedRevisions(cluster);
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
