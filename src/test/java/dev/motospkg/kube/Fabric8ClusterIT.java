package dev.motospkg.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import dev.motospkg.testing.RealCluster;
import dev.motospkg.testing.TestCluster;
import dev.motospkg.yaml.Trees;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fabric8Cluster against the local kube-apiserver (see docs/dev-cluster.md). */
@RealCluster
class Fabric8ClusterIT {

    @TempDir
    Path tmp;

    static Map<String, Object> configMap(String ns, String name, Map<String, Object> data) {
        return Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", name, "namespace", ns, "labels", Map.of("app.kubernetes.io/instance", "motos")),
                "data", data);
    }

    static Map<String, Object> deployment(String ns, String name) {
        Map<String, Object> labels = Map.of("app", name);
        return Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", name, "namespace", ns),
                "spec", Map.of("replicas", 1, "selector", Map.of("matchLabels", labels),
                        "template", Map.of("metadata", Map.of("labels", labels),
                                "spec", Map.of("containers", List.of(Map.of("name", "app", "image", "nginx:1.25",
                                        // SSA on 1.20 needs protocol: it is part of the ports merge key
                                        "ports", List.of(Map.of("containerPort", 80, "protocol", "TCP"))))))));
    }

    @Test
    void applyGetListDeleteRoundTrip(TestCluster cluster) {
        String ns = cluster.namespace();
        try (KubeConnection connection = new KubeConnection(cluster.kubeconfig(), null)) {
            long t0 = System.nanoTime();
            connection.client();
            long clientMillis = (System.nanoTime() - t0) / 1_000_000;
            Fabric8Cluster kube = new Fabric8Cluster(connection);
            t0 = System.nanoTime();
            kube.get(new ObjectKey("v1", "ConfigMap", ns, "none-yet"));
            long firstRequestMillis = (System.nanoTime() - t0) / 1_000_000;

            Map<String, Object> created = kube.apply(configMap(ns, "settings", Map.of("a", "1")), false);
            assertEquals(Map.of("a", "1"), created.get("data"));
            assertEquals("motospkg", Trees.at(created, List.of("metadata", "managedFields", 0, "manager")));

            Map<String, Object> updated = kube.apply(configMap(ns, "settings", Map.of("a", "2", "b", "3")), false);
            assertEquals(Map.of("a", "2", "b", "3"), updated.get("data"));

            Map<String, Object> dryRun = kube.apply(configMap(ns, "settings", Map.of("a", "dry")), true);
            assertEquals(Map.of("a", "dry"), dryRun.get("data"), "a dry run returns what would be stored");
            Map<String, Object> dryNew = kube.apply(configMap(ns, "never", Map.of("x", "y")), true);
            assertEquals("never", Trees.at(dryNew, List.of("metadata", "name")));

            ObjectKey settings = new ObjectKey("v1", "ConfigMap", ns, "settings");
            Map<String, Object> live = kube.get(settings).orElseThrow();
            assertEquals(Map.of("a", "2", "b", "3"), live.get("data"), "the dry run changed nothing");
            assertTrue(kube.get(new ObjectKey("v1", "ConfigMap", ns, "never")).isEmpty(), "dry-run create not persisted");
            assertTrue(Trees.at(live, List.of("metadata", "generation")) == null
                    || Trees.at(live, List.of("metadata", "generation")) instanceof Long, "numbers come back as Long");

            Map<String, Object> deployment = kube.apply(deployment(ns, "backend"), false);
            assertEquals(1L, Trees.at(deployment, List.of("spec", "replicas")));
            assertEquals(1L, Trees.at(deployment, List.of("metadata", "generation")));

            kube.apply(configMap(ns, "other", Map.of()), false);
            List<Map<String, Object>> listed = kube.list("v1", "ConfigMap", ns, Map.of("app.kubernetes.io/instance", "motos"));
            assertEquals(List.of("other", "settings"),
                    listed.stream().map(o -> (String) Trees.at(o, List.of("metadata", "name"))).sorted().toList());
            assertEquals(List.of(), kube.list("v1", "ConfigMap", ns, Map.of("app.kubernetes.io/instance", "nope")));

            long before = kube.requestCount();
            t0 = System.nanoTime();
            kube.get(settings);
            long getMicros = (System.nanoTime() - t0) / 1000;
            assertEquals(before + 1, kube.requestCount(), "one GET, discovery cached");

            assertTrue(kube.delete(settings));
            assertFalse(kube.delete(settings), "already gone");
            assertTrue(kube.get(settings).isEmpty());
            assertTrue(kube.delete(new ObjectKey("apps/v1", "Deployment", ns, "backend")));

            System.out.printf("[Fabric8ClusterIT] client creation %d ms, first request (GET /version) %d ms,"
                    + " warm GET %d us, %d requests in total%n", clientMillis, firstRequestMillis, getMicros, kube.requestCount());
        }
    }

    @Test
    void scopeFromDiscoveryWithFallbackAndCache(TestCluster cluster) {
        try (KubeConnection connection = new KubeConnection(cluster.kubeconfig(), null)) {
            Fabric8Cluster kube = new Fabric8Cluster(connection);
            assertTrue(kube.isNamespaced("apps/v1", "Deployment"));
            assertTrue(kube.isNamespaced("v1", "ConfigMap"));
            assertFalse(kube.isNamespaced("v1", "Namespace"));
            assertFalse(kube.isNamespaced("v1", "PersistentVolume"));
            assertFalse(kube.isNamespaced("rbac.authorization.k8s.io/v1", "ClusterRole"));
            assertFalse(kube.isNamespaced("apiextensions.k8s.io/v1", "CustomResourceDefinition"));
            // a group the server does not serve: the fallback list decides
            assertTrue(kube.isNamespaced("example.com/v1", "Widget"));
            assertFalse(kube.isNamespaced("example.com/v1", "ClusterRole"));

            long before = kube.requestCount();
            kube.isNamespaced("apps/v1", "StatefulSet");
            kube.isNamespaced("example.com/v1", "Gadget");
            assertEquals(before, kube.requestCount(), "discovery is cached per apiVersion, misses included");
        }
    }

    @Test
    void serverRejectionsAreClearMessages(TestCluster cluster) {
        String ns = cluster.namespace();
        try (KubeConnection connection = new KubeConnection(cluster.kubeconfig(), null)) {
            Fabric8Cluster kube = new Fabric8Cluster(connection);
            Map<String, Object> invalid = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                    "metadata", Map.of("name", "bad", "namespace", ns),
                    "spec", Map.of("selector", Map.of("matchLabels", Map.of("app", "bad")),
                            "template", Map.of("metadata", Map.of("labels", Map.of("app", "other")),
                                    "spec", Map.of("containers", List.of(Map.of("name", "app"))))));
            MotosException e = assertThrows(MotosException.class, () -> kube.apply(invalid, false));
            System.out.println("[Fabric8ClusterIT] 422 message: " + e.getMessage() + "\n  hint: " + e.hint());
            assertEquals(ExitCode.FAILED, e.exitCode());
            assertTrue(e.getMessage().startsWith("cannot apply Deployment/" + ns + "/bad (context "), e.getMessage());
            assertTrue(e.getMessage().contains("the server rejected it as invalid (422)"), e.getMessage());
            assertTrue(e.getMessage().contains("spec.template.spec.containers[0].image: Required value"), e.getMessage());
            assertTrue(e.getMessage().contains("`selector` does not match template `labels`"), e.getMessage());

            MotosException unknownKind = assertThrows(MotosException.class, () -> kube.apply(Map.of(
                    "apiVersion", "example.com/v1", "kind", "Widget", "metadata", Map.of("name", "w", "namespace", ns)), false));
            assertTrue(unknownKind.getMessage().endsWith("the server has no kind Widget in apiVersion example.com/v1"),
                    unknownKind.getMessage());
            assertTrue(kube.get(new ObjectKey("example.com/v1", "Widget", ns, "w")).isEmpty());
            assertFalse(kube.delete(new ObjectKey("example.com/v1", "Widget", ns, "w")));

            MotosException noNamespace = assertThrows(MotosException.class,
                    () -> kube.apply(configMap("no-such-namespace", "x", Map.of()), false));
            System.out.println("[Fabric8ClusterIT] 404 message: " + noNamespace.getMessage());
            assertTrue(noNamespace.getMessage().contains("not found (404)"), noNamespace.getMessage());
        }
    }

    @Test
    void unknownContextFailsAsInvalidInputListingContexts(TestCluster cluster) {
        MotosException e = assertThrows(MotosException.class, () -> new KubeConnection(cluster.kubeconfig(), "nope"));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith("context \"nope\" is not in kubeconfig " + cluster.kubeconfig()
                + " (available: "), e.getMessage());
    }

    @Test
    void unreachableServerFailsFastNamingContextAndServer(TestCluster cluster) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        String contents = Files.readString(cluster.kubeconfig())
                .replaceAll("server: *\\S+", "server: https://127.0.0.1:" + port);
        Path kubeconfig = tmp.resolve("closed-port-kubeconfig");
        Files.writeString(kubeconfig, contents);
        try (KubeConnection connection = new KubeConnection(kubeconfig, null)) {
            Fabric8Cluster kube = new Fabric8Cluster(connection);
            long t0 = System.nanoTime();
            MotosException e = assertThrows(MotosException.class,
                    () -> kube.get(new ObjectKey("v1", "ConfigMap", "default", "x")));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            System.out.println("[Fabric8ClusterIT] unreachable server failed after " + took.toMillis() + " ms: "
                    + e.getMessage() + "\n  hint: " + e.hint());
            assertEquals(ExitCode.FAILED, e.exitCode());
            assertEquals("cannot reach the Kubernetes API server (context " + connection.context()
                    + ", server https://127.0.0.1:" + port + "): connection refused", e.getMessage());
            assertTrue(e.hint().contains("minikube start"), e.hint());
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "fails fast, took " + took);

            MotosException onGet = assertThrows(MotosException.class,
                    () -> kube.get(new ObjectKey("v1", "ConfigMap", "default", "x")));
            assertEquals(e.getMessage(), onGet.getMessage(), "discovery fails the same way");
        }
    }
}
