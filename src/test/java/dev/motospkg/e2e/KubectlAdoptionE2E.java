package dev.motospkg.e2e;

import static dev.motospkg.e2e.TestNode.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.LegacyManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * How every current user arrives, on the real node: the seed's nine hand-written manifests applied
 * with the real {@code kubectl apply -f kubernetes/}, the app running with data in PostgreSQL and
 * on the media volume; then {@code install --adopt --force --wait}. The app must keep answering
 * (every Service has endpoints), the data must be there (same PVCs, same database), and the live
 * objects must be exactly the chart's.
 */
@RealNode
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlAdoptionE2E {

    static final String NS = "motos-legacy";
    static final String VISIT = "written-in-the-kubectl-era";
    static final String MEDIA = "legacy-photo.txt";
    static final String MEDIA_CONTENT = "uploaded before motospkg\n";
    static final Duration APP_TIMEOUT = Duration.ofSeconds(180);
    static final Map<String, String> pvcUids = new LinkedHashMap<>();

    /**
     * The legacy manifests as the team runs them here: the images are the node's stand-ins (no
     * registry is reachable), and the backend probe asks a path the stand-in Django serves.
     */
    static Path legacyDir() throws IOException {
        Path dir = Files.createTempDirectory("motospkg-kubernetes");
        for (Map.Entry<String, String> e : LegacyManifests.texts(NS, 30080).entrySet()) {
            String text = e.getValue().replace("image: postgres:15", "image: motos-postgres:15")
                    .replace("image: motos-frontend:v2", "image: motos-frontend:v1")
                    .replace("path: /\n", "path: /api/health\n");
            Files.writeString(dir.resolve(e.getKey()), text);
        }
        return dir;
    }

    /** The values a team writes to match what runs (the migration guide's step 2), the password last. */
    static List<String> matching(String... extra) {
        List<String> args = new ArrayList<>(List.of("-f", "values/values-dev.yaml", "-f", "values/values-local.yaml",
                "--set-string", "backend.tag=v2", "--set", "postgres.storage=2Gi,media.storage=1Gi"));
        args.addAll(List.of(extra));
        args.addAll(List.of("--set-string", "postgres.auth.password=" + LegacyManifests.PASSWORD, "-n", NS));
        return args;
    }

    static CliRun motospkg(TestNode node, List<String> first, List<String> rest) {
        List<String> args = new ArrayList<>(first);
        args.addAll(rest);
        CliRun run = node.motospkg(args.toArray(String[]::new));
        assertFalse((run.out() + run.err()).contains(LegacyManifests.PASSWORD), "the password is never printed");
        return run;
    }

    static void assertDataThere(TestNode node) {
        node.assertDataServed(APP_TIMEOUT, VISIT, MEDIA, MEDIA_CONTENT);
    }

    static Map<String, String> uids(TestNode node) {
        return node.pvcUids(NS);
    }

    @Test
    @Order(1)
    void theTeamsManifestsRunWithData(TestNode node) throws IOException {
        Path dir = legacyDir();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(9, files.count());
        }
        TestNode.Result apply = node.kubectl("apply", "-f", dir.toString());
        assertEquals(0, apply.exit(), apply.output());
        eventually(APP_TIMEOUT, "the kubectl-applied app answers", () -> node.get("/api/visits").ok());
        assertEquals(200, node.http("POST", "/api/visits", VISIT).status());
        assertEquals(201, node.http("PUT", "/api/media/" + MEDIA, MEDIA_CONTENT).status());
        assertDataThere(node);
        pvcUids.putAll(uids(node));
        assertEquals(List.of("media-pvc", "postgres-pvc"), pvcUids.keySet().stream().sorted().toList());
    }

    @Test
    @Order(2)
    void adoptingWithTheChartsDataDirectoryIsRefusedBeforeAnythingChanges(TestNode node) {
        String postgresUid = node.client().apps().deployments().inNamespace(NS).withName("postgres").get()
                .getMetadata().getUid();
        CliRun diff = motospkg(node, List.of("diff", "install", "--adopt", "--force"), matching());
        assertEquals(1, diff.exitCode(), diff.out() + diff.err());
        CliRun install = motospkg(node, List.of("install", "--adopt", "--force"), matching());
        assertEquals(1, install.exitCode(), install.out() + install.err());
        assertTrue(install.err().contains("the new pod would start an empty database"), install.err());
        assertTrue(install.err().contains("postgres.dataSubdir: \"\""), "names the value that keeps it:\n" + install.err());
        assertEquals(postgresUid, node.client().apps().deployments().inNamespace(NS).withName("postgres").get()
                .getMetadata().getUid(), "nothing was replaced");
        assertDataThere(node);
    }

    @Test
    @Order(3)
    void adoptionKeepsTheAppAnsweringTheDataAndEndsExactlyAsTheChart(TestNode node) {
        CliRun install = motospkg(node, List.of("install", "--adopt", "--force", "--wait", "--timeout", "240s"),
                matching("--set-string", "postgres.dataSubdir="));
        assertEquals(0, install.exitCode(), install.out() + install.err());
        assertTrue(install.out().contains("replacing Deployment/" + NS + "/postgres"), install.out());

        Map<String, String> after = uids(node);
        pvcUids.forEach((pvc, uid) -> assertEquals(uid, after.get(pvc), pvc + " is the same PVC: the data never moved"));
        // the replaced postgres found the old database and started once: the old pod had stopped
        // before it (two postgres on one data directory would fail on postmaster.pid and restart)
        var postgres = node.client().pods().inNamespace(NS).withLabel("app.kubernetes.io/component", "database")
                .list().getItems();
        assertEquals(1, postgres.size(), postgres.toString());
        String log = node.client().pods().inNamespace(NS).withName(postgres.get(0).getMetadata().getName()).getLog();
        assertTrue(log.contains("using the existing database in /var/lib/postgresql/data"), log);
        assertEquals(0, postgres.get(0).getStatus().getContainerStatuses().get(0).getRestartCount(), log);
        for (String service : List.of("postgres", "backend", "frontend")) {
            var endpoints = node.client().endpoints().inNamespace(NS).withName(service).get();
            boolean ready = endpoints != null && endpoints.getSubsets() != null && endpoints.getSubsets().stream()
                    .anyMatch(s -> s.getAddresses() != null && !s.getAddresses().isEmpty());
            assertTrue(ready, "Service " + service + " has a ready endpoint: " + endpoints);
            Service live = node.client().services().inNamespace(NS).withName(service).get();
            assertEquals(Map.of("app.kubernetes.io/name", "motos", "app.kubernetes.io/instance", "motos",
                    "app.kubernetes.io/component", service.equals("postgres") ? "database" : service),
                    live.getSpec().getSelector(), "the chart's selector, not a union with app: " + service);
        }
        assertDataThere(node);

        List<HasMetadata> objects = new ArrayList<>();
        objects.addAll(node.client().apps().deployments().inNamespace(NS).list().getItems());
        objects.addAll(node.client().services().inNamespace(NS).list().getItems());
        objects.addAll(node.client().persistentVolumeClaims().inNamespace(NS).list().getItems());
        objects.add(node.client().namespaces().withName(NS).get());
        for (HasMetadata o : objects) {
            String what = o.getKind() + "/" + o.getMetadata().getName();
            assertNull(o.getMetadata().getAnnotations() == null ? null
                    : o.getMetadata().getAnnotations().get(LegacyManifests.LAST_APPLIED), what + " lost kubectl's annotation");
            List<String> managers = o.getMetadata().getManagedFields().stream().map(ManagedFieldsEntry::getManager).toList();
            assertFalse(managers.contains(LegacyManifests.CLIENT_SIDE_MANAGER), what + " managers " + managers);
        }
        Deployment backend = node.client().apps().deployments().inNamespace(NS).withName("backend").get();
        assertTrue(backend.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .noneMatch(e -> e.getValue() != null && e.getValue().equals(LegacyManifests.PASSWORD)),
                "the inline password left the pod spec for the Secret");

        CliRun clean = motospkg(node, List.of("diff", "upgrade", "--exit-code"), matching("--set-string", "postgres.dataSubdir="));
        assertEquals(0, clean.exitCode(), "the cluster is exactly the release:\n" + clean.out() + clean.err());
    }

    @AfterAll
    static void cleanUp(TestNode node) {
        // the node is shared with the next E2E class (same node port): leave nothing behind
        node.removeRelease(NS);
    }
}
