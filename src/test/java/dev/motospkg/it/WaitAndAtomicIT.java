package dev.motospkg.it;

import static dev.motospkg.it.ReleaseLifecycleIT.backendImage;
import static dev.motospkg.it.ReleaseLifecycleIT.NODEPORT_ANY;
import static dev.motospkg.it.ReleaseLifecycleIT.motospkg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.ControllerPlayer;
import dev.motospkg.testing.RealCluster;
import dev.motospkg.testing.TestCluster;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** --wait, --timeout and --atomic on the real API server (which has no controllers). */
@RealCluster
class WaitAndAtomicIT {

    @Test
    void waitTimesOutNamingWhatIsNotReadyAndAtomicPutsThePreviousRevisionBack(TestCluster cluster,
            ControllerPlayer controller) throws Exception {
        assertEquals(0, motospkg(cluster, "install", "-f", "values/values-dev.yaml", "--set", NODEPORT_ANY).exitCode());

        CliRun waited = motospkg(cluster, "upgrade", "--set", "backend.tag=v2", "--wait", "--timeout", "3s");
        assertEquals(1, waited.exitCode(), waited.out() + waited.err());
        assertTrue(waited.err().contains("timed out after"), waited.err());
        assertTrue(waited.err().contains("Deployment/backend"), waited.err());
        assertTrue(waited.err().contains("0/1 available"), waited.err());
        assertEquals("motos-backend:v2", backendImage(cluster), "without --atomic the failed revision stays");

        // The atomic rollback waits like any rollback: play the controllers, which bring v1 up but never v3.
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(
                () -> motospkg(cluster, "upgrade", "--set", "backend.tag=v3", "--atomic", "--timeout", "3s"));
        while (!run.isDone()) {
            controller.markDeploymentAvailable("postgres");
            controller.markDeploymentAvailable("frontend");
            controller.markPvcBound("postgres-pvc");
            controller.markPvcBound("media-pvc");
            if (backendImage(cluster).equals("motos-backend:v1")) {
                controller.markDeploymentAvailable("backend");
            }
            Thread.sleep(200);
        }
        CliRun atomic = run.get();
        assertEquals(1, atomic.exitCode(), atomic.out() + atomic.err());
        assertTrue(atomic.err().contains("atomic: revision 1 is live again as revision 4"), atomic.err());
        assertTrue(atomic.out().contains("Atomic: upgrade failed; rolling back to revision 1...\nRollback motos.v4"),
                atomic.out());
        assertEquals("motos-backend:v1", backendImage(cluster), "revision 1 is live again");
        CliRun history = motospkg(cluster, "history");
        assertTrue(history.out().lines().anyMatch(l -> l.startsWith("4 ") && l.contains("deployed")), history.out());
    }

    /**
     * There is no deployment controller or volume provisioner: this test plays them by writing the
     * status subresource of each Deployment and PVC (and each Service's Endpoints) while {@code install --wait} polls.
     */
    @Test
    void waitSucceedsWhenTheControllersReportReady(TestCluster cluster, ControllerPlayer controller) throws Exception {
        CompletableFuture<CliRun> install = CompletableFuture.supplyAsync(
                () -> motospkg(cluster, "install", "-f", "values/values-dev.yaml", "--set", NODEPORT_ANY, "--wait", "--timeout", "60s"));
        List<String> deployments = List.of("postgres", "backend", "frontend");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        boolean done = false;
        while (!done && System.nanoTime() < deadline) {
            done = true;
            for (String name : deployments) {
                Deployment d = cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName(name).get();
                if (d == null) {
                    done = false;
                    continue;
                }
                controller.markDeploymentAvailable(name);
            }
            for (String service : deployments) {
                if (cluster.client().services().inNamespace(cluster.namespace()).withName(service).get() != null) {
                    controller.markEndpointsReady(service);
                } else {
                    done = false;
                }
            }
            for (String pvc : List.of("postgres-pvc", "media-pvc")) {
                if (cluster.client().persistentVolumeClaims().inNamespace(cluster.namespace()).withName(pvc).get() != null) {
                    controller.markPvcBound(pvc);
                } else {
                    done = false;
                }
            }
            Thread.sleep(200);
        }
        CliRun result = install.get(60, TimeUnit.SECONDS);
        assertEquals(0, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("Deployment/backend: ready"), result.out());
    }
}
