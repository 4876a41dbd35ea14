package dev.motospkg.storage;

import static dev.motospkg.storage.Releases.release;
import static dev.motospkg.storage.Releases.revisions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.MotosException;
import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import dev.motospkg.testing.RealCluster;
import dev.motospkg.testing.TestCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

@RealCluster
class SecretReleaseStoreIT {

    @Test
    void createHistoryUpdateDelete(TestCluster cluster) {
        String ns = cluster.namespace();
        SecretReleaseStore store = new SecretReleaseStore(cluster.client());
        assertEquals(List.of(), store.history(ns, "motos"));

        Release v1 = withValues(release(ns, "motos", 1, ReleaseStatus.DEPLOYED), Releases.richValues());
        store.create(v1);
        store.create(release(ns, "motos", 2, ReleaseStatus.PENDING_UPGRADE));
        store.create(release(ns, "other", 1, ReleaseStatus.DEPLOYED));
        List<Release> history = store.history(ns, "motos");
        assertEquals(List.of(1, 2), revisions(history));
        assertEquals(v1, history.get(0), "round trip through the server");

        MotosException exists = assertThrows(MotosException.class, () -> store.create(v1));
        assertEquals("release motos.v1 already exists in namespace " + ns, exists.getMessage());

        Release v1Superseded = v1.withStatus(ReleaseStatus.SUPERSEDED, "Superseded", Releases.T0.plusSeconds(999));
        store.update(v1Superseded);
        assertEquals(v1Superseded, store.history(ns, "motos").get(0));
        assertEquals("superseded", secret(cluster, "motos", 1).getMetadata().getLabels().get("status"));

        assertThrows(MotosException.class, () -> store.update(release(ns, "motos", 9, ReleaseStatus.DEPLOYED)));

        store.delete(ns, "motos", 1);
        store.delete(ns, "motos", 1); // already gone: no error
        assertEquals(List.of(2), revisions(store.history(ns, "motos")));
        assertNull(secret(cluster, "motos", 1));
    }

    @Test
    void secretNameTypeLabelsAndGzipPayload(TestCluster cluster) {
        String ns = cluster.namespace();
        SecretReleaseStore store = new SecretReleaseStore(cluster.client());
        Release release = release(ns, "motos", 3, ReleaseStatus.DEPLOYED);
        store.create(release);

        Secret secret = secret(cluster, "motos", 3);
        assertEquals("motospkg.release.v1.motos.v3", secret.getMetadata().getName());
        assertEquals("motospkg.dev/release.v1", secret.getType());
        assertEquals(Map.of("owner", "motospkg", "name", "motos", "status", "deployed", "version", "3"),
                secret.getMetadata().getLabels());
        assertEquals(List.of("release"), List.copyOf(secret.getData().keySet()));
        byte[] payload = Base64.getDecoder().decode(secret.getData().get("release"));
        assertEquals(0x1f, payload[0] & 0xff, "gzip magic");
        assertEquals(0x8b, payload[1] & 0xff, "gzip magic");
        assertEquals(release, new ReleaseCodec().decode(payload));
    }

    @Test
    void listNewestPerReleaseInOneAndAllNamespaces(TestCluster cluster) {
        String ns = cluster.namespace();
        // the harness names fill 63 characters: a suffix would not fit
        String other = "storage-it-" + Long.toHexString(System.nanoTime());
        KubernetesClient client = cluster.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(other).endMetadata().build())
                .create();
        try {
            SecretReleaseStore store = new SecretReleaseStore(client);
            store.create(release(ns, "motos", 1, ReleaseStatus.SUPERSEDED));
            store.create(release(ns, "motos", 2, ReleaseStatus.DEPLOYED));
            store.create(release(ns, "motos", 10, ReleaseStatus.FAILED)); // 10 > 2 numerically, not as text
            store.create(release(ns, "api", 1, ReleaseStatus.DEPLOYED));
            store.create(release(other, "motos", 4, ReleaseStatus.DEPLOYED));

            assertEquals(List.of("api.v1", "motos.v10"), store.list(ns).stream().map(Release::label).toList());
            List<String> all = store.list(null).stream()
                    .filter(r -> r.namespace().equals(ns) || r.namespace().equals(other))
                    .map(r -> r.namespace() + "/" + r.label()).toList();
            assertEquals(List.of(ns + "/api.v1", ns + "/motos.v10", other + "/motos.v4"), all);
        } finally {
            client.namespaces().withName(other).delete();
        }
    }

    @Test
    void oversizePayloadIsRefusedBeforeWriting(TestCluster cluster) {
        String ns = cluster.namespace();
        SecretReleaseStore store = new SecretReleaseStore(cluster.client());
        // random text does not compress much: 1.5 MB of it stays over the 1,000,000-byte limit
        Release huge = withValues(release(ns, "motos", 1, ReleaseStatus.PENDING_INSTALL),
                Map.of("certificate", noise(1_500_000)));
        MotosException e = assertThrows(MotosException.class, () -> store.create(huge));
        assertTrue(e.getMessage().startsWith("release motos.v1 is too large to store: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("the limit is 1,000,000"), e.getMessage());
        assertTrue(e.hint().contains("fewer or lighter values"), e.hint());
        assertEquals(List.of(), cluster.client().secrets().inNamespace(ns).withLabel("owner", "motospkg").list()
                .getItems(), "nothing written");
        System.out.println("[SecretReleaseStoreIT] oversize: " + e.getMessage());
    }

    @Test
    void payloadJustUnderTheLimitIsAcceptedByTheServer(TestCluster cluster) {
        String ns = cluster.namespace();
        ReleaseCodec codec = new ReleaseCodec();
        Release base = release(ns, "motos", 1, ReleaseStatus.DEPLOYED);
        int length = 1_000_000;
        Release release = withValues(base, Map.of("blob", noise(length)));
        for (int i = 0; i < 3; i++) {
            long encoded = 4L * ((codec.encode(release).length + 2) / 3);
            length = (int) (length * 990_000L / encoded);
            release = withValues(base, Map.of("blob", noise(length)));
        }
        long encoded = 4L * ((codec.encode(release).length + 2) / 3);
        assertTrue(encoded > 980_000 && encoded <= SecretReleaseStore.MAX_ENCODED_BYTES, "encoded " + encoded);
        new SecretReleaseStore(cluster.client()).create(release);
        assertEquals(encoded, secret(cluster, "motos", 1).getData().get("release").length());
    }

    @Test
    void typicalReleaseSize(TestCluster cluster) {
        // a manifest of the size the motos chart renders (~15 objects) and a realistic values tree
        String ns = cluster.namespace();
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            manifest.append("---\n# Source: motos/templates/object-").append(i).append(".yaml\n")
                    .append("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: motos-").append(i)
                    .append("\n  labels:\n    app.kubernetes.io/name: motos\n    app.kubernetes.io/instance: motos\n")
                    .append("spec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n")
                    .append("        - name: web\n          image: registry.example.com/motos:2.4.1\n")
                    .append("          resources: {requests: {cpu: 250m, memory: 512Mi}}\n");
        }
        Release base = withValues(release(ns, "motos", 1, ReleaseStatus.DEPLOYED), Releases.richValues());
        Release release = new Release(base.name(), ns, 1, base.status(), base.chart(), base.values(),
                manifest.toString(), base.firstDeployed(), base.lastDeployed(), base.description());
        long start = System.nanoTime();
        new SecretReleaseStore(cluster.client()).create(release);
        long createMs = (System.nanoTime() - start) / 1_000_000;
        int stored = secret(cluster, "motos", 1).getData().get("release").length();
        System.out.printf("[SecretReleaseStoreIT] typical release: json %d bytes, stored base64 %d bytes, create %d ms%n",
                new ReleaseCodec().toJson(release).length, stored, createMs);
        assertTrue(stored < 10_000, "stored " + stored);
    }

    private static String noise(int length) {
        Random random = new Random(42);
        StringBuilder noise = new StringBuilder(length);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/";
        for (int i = 0; i < length; i++) {
            noise.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return noise.toString();
    }

    private static Secret secret(TestCluster cluster, String name, int revision) {
        return cluster.client().secrets().inNamespace(cluster.namespace())
                .withName(SecretReleaseStore.secretName(name, revision)).get();
    }

    private static Release withValues(Release r, Map<String, Object> values) {
        return new Release(r.name(), r.namespace(), r.revision(), r.status(), r.chart(), new LinkedHashMap<>(values),
                r.manifest(), r.firstDeployed(), r.lastDeployed(), r.description());
    }
}
