package dev.motospkg.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.kube.Fabric8Cluster;
import dev.motospkg.kube.KubeConnection;
import dev.motospkg.kube.ObjectKey;
import dev.motospkg.testing.ControllerPlayer;
import dev.motospkg.testing.RealCluster;
import dev.motospkg.testing.TestCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Waiter against the local kube-apiserver. That server has no controllers, so nothing ever
 * becomes ready by itself: the tests first see the timeout, then play the missing controller
 * through {@link ControllerPlayer} and see the wait succeed.
 */
@RealCluster
class WaiterIT {

    @Test
    void deploymentTimesOutUntilTheControllerMarksItAvailable(TestCluster cluster, ControllerPlayer controller) {
        String ns = cluster.namespace();
        try (KubeConnection connection = new KubeConnection(cluster.kubeconfig(), null)) {
            Fabric8Cluster kube = new Fabric8Cluster(connection);
            Map<String, Object> labels = Map.of("app", "backend");
            kube.apply(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                    "metadata", Map.of("name", "backend", "namespace", ns),
                    "spec", Map.of("replicas", 2, "selector", Map.of("matchLabels", labels),
                            "template", Map.of("metadata", Map.of("labels", labels),
                                    "spec", Map.of("containers", List.of(Map.of("name", "app", "image", "nginx:1.25",
                                            "ports", List.of(Map.of("containerPort", 80, "protocol", "TCP")))))))), false);
            ObjectKey key = new ObjectKey("apps/v1", "Deployment", ns, "backend");

            StringWriter out = new StringWriter();
            Waiter waiter = new Waiter(kube, Clock.systemUTC(), Sleeper.threadSleep(), new PrintWriter(out));
            long t0 = System.nanoTime();
            WaitResult timedOut = waiter.waitFor(List.of(key), Duration.ofSeconds(3));
            long tookMillis = (System.nanoTime() - t0) / 1_000_000;

            assertFalse(timedOut.allReady());
            assertEquals(List.of(key), timedOut.notReady().stream().map(WaitResult.NotReady::key).toList());
            assertEquals("  Deployment/backend: 0/2 available (waiting)\n", out.toString());
            String failure = timedOut.toFailure().getMessage();
            System.out.println("[WaiterIT] after " + tookMillis + " ms:\n" + failure);
            assertEquals("""
                    timed out after 3s: 1 object not ready
                      Deployment/backend: 0/2 available
                        - the deployment controller has not processed generation 1 yet (observed: none)""", failure);
            assertTrue(tookMillis >= 3000 && tookMillis < 6000, "took " + tookMillis + " ms");

            // no controller-manager here: play the deployment controller and kubelets
            controller.markDeploymentAvailable("backend");

            out.getBuffer().setLength(0);
            WaitResult ready = waiter.waitFor(List.of(key), Duration.ofSeconds(10));
            assertTrue(ready.allReady(), () -> ready.toFailure().getMessage());
            assertEquals("  Deployment/backend: ready (0s)\n", out.toString());
        }
    }

    @Test
    void pvcPendingUntilBoundAndServiceReadyWithAnEndpoint(TestCluster cluster, ControllerPlayer controller) {
        String ns = cluster.namespace();
        try (KubeConnection connection = new KubeConnection(cluster.kubeconfig(), null)) {
            Fabric8Cluster kube = new Fabric8Cluster(connection);
            kube.apply(Map.of("apiVersion", "v1", "kind", "PersistentVolumeClaim",
                    "metadata", Map.of("name", "data", "namespace", ns),
                    "spec", Map.of("accessModes", List.of("ReadWriteOnce"),
                            "resources", Map.of("requests", Map.of("storage", "1Gi")))), false);
            kube.apply(Map.of("apiVersion", "v1", "kind", "Service",
                    "metadata", Map.of("name", "backend", "namespace", ns),
                    "spec", Map.of("selector", Map.of("app", "backend"),
                            "ports", List.of(Map.of("port", 80, "protocol", "TCP")))), false);
            ObjectKey pvc = new ObjectKey("v1", "PersistentVolumeClaim", ns, "data");
            ObjectKey service = new ObjectKey("v1", "Service", ns, "backend");

            StringWriter out = new StringWriter();
            Waiter waiter = new Waiter(kube, Clock.systemUTC(), Sleeper.threadSleep(), new PrintWriter(out));
            WaitResult timedOut = waiter.waitFor(List.of(service, pvc), Duration.ofSeconds(2));
            assertFalse(timedOut.allReady());
            assertEquals(List.of(service, pvc), timedOut.notReady().stream().map(WaitResult.NotReady::key).toList());
            assertEquals("  Service/backend: no ready endpoints (waiting)\n  PersistentVolumeClaim/data: Pending (waiting)\n",
                    out.toString(), "a Service with a selector is ready only when something answers on it");

            // no persistent-volume or endpoints controller here: play them
            controller.markPvcBound("data");
            controller.markEndpointsReady("backend");
            assertTrue(waiter.waitFor(List.of(service, pvc), Duration.ofSeconds(10)).allReady());
        }
    }
}
