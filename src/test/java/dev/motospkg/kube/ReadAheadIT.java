package dev.motospkg.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.storage.SecretReleaseStore;
import dev.motospkg.testing.RealCluster;
import dev.motospkg.testing.TestCluster;
import dev.motospkg.yaml.Trees;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The reads one command shares (see {@link ReadAhead}), on the real server: what a LIST answered
 * costs no request, a second read and a read after a write go to the server, and a change by
 * someone else is seen on that second read.
 */
@RealCluster
class ReadAheadIT {

    @Test
    void theIdentityListAnswersANamespaceReadOnceAndTheHistoryListTheChartsSecrets(TestCluster cluster) {
        String ns = cluster.namespace();
        cluster.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata()
                .withName("postgres-credentials").endMetadata().addToStringData("password", "one").build()).create();
        cluster.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata()
                .withName("sh.helm.release.v1.other.v1").addToLabels("owner", "helm").endMetadata().build()).create();
        try (KubeConnection connection = new KubeConnection(cluster.kubeconfig(), null)) {
            ReadAhead readAhead = new ReadAhead();
            Fabric8Cluster kube = new Fabric8Cluster(connection, readAhead);
            SecretReleaseStore store = new SecretReleaseStore(connection.client(), readAhead);
            assertTrue(kube.identity().isPresent());
            assertEquals(List.of(), store.history(ns, "motos"));
            long before = kube.requestCount();

            ObjectKey namespace = new ObjectKey("v1", "Namespace", null, ns);
            ObjectKey credentials = new ObjectKey("v1", "Secret", ns, "postgres-credentials");
            ObjectKey absent = new ObjectKey("v1", "Namespace", null, "not-there-" + System.nanoTime());
            assertEquals(ns, Trees.at(kube.get(namespace).orElseThrow(), List.of("metadata", "name")));
            assertEquals(Optional.empty(), kube.get(absent), "not in the complete list of Namespaces");
            Map<String, Object> secret = kube.get(credentials).orElseThrow();
            assertEquals(Map.of("password", "b25l"), secret.get("data"));
            assertEquals(before, kube.requestCount(), "all three answered from the two LISTs");

            ObjectKey helms = new ObjectKey("v1", "Secret", ns, "sh.helm.release.v1.other.v1");
            assertTrue(kube.get(helms).isPresent(), "left out of the LIST: read from the server");
            assertEquals(before + 1, kube.requestCount());

            cluster.client().secrets().inNamespace(ns).withName("postgres-credentials").edit(s -> new SecretBuilder(s)
                    .withData(Map.of("password", "dHdv")).build());
            assertEquals(Map.of("password", "dHdv"), kube.get(credentials).orElseThrow().get("data"),
                    "a second read goes to the server and sees the change");
            assertEquals(before + 2, kube.requestCount());
        }
    }
}
