package dev.motospkg.e2e;

import static dev.motospkg.e2e.TestNode.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.CliRun;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed's promises on a real node, as one story in order: the app installed and answering
 * through nginx → Django → PostgreSQL; a rollout that really happens and a wait that tells the
 * truth; a broken upgrade rolled back; data (a visit row and a media file) that survives every
 * restart, upgrade, rollback, uninstall and node restart, until {@code --delete-data}.
 */
@RealNode
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MotosAppE2E {

    static final String NS = "motos-e2e";
    static final String MEDIA = "e2e-photo.txt";
    static final String MEDIA_CONTENT = "a photo of a motorbike, stored on the media volume\n";
    static final Duration APP_TIMEOUT = Duration.ofSeconds(120);

    static CliRun motospkg(TestNode node, String... args) {
        return node.motospkgIn(NS, args);
    }

    static CliRun install(TestNode node, String... extra) {
        List<String> args = new ArrayList<>(List.of("install", "-f", "values/values-dev.yaml", "-f", "values/values-local.yaml",
                "--wait", "--timeout", "240s"));
        args.addAll(List.of(extra));
        return motospkg(node, args.toArray(String[]::new));
    }

    /** The visits API through the frontend (nginx proxies /api to Django). */
    static String visits(TestNode node) {
        TestNode.Http r = node.get("/api/visits");
        assertEquals(200, r.status(), r.body());
        return r.body();
    }

    static void assertDataThere(TestNode node) {
        node.assertDataServed(APP_TIMEOUT, "written-before-upgrades", MEDIA, MEDIA_CONTENT);
    }

    static Deployment deployment(TestNode node, String name) {
        return node.client().apps().deployments().inNamespace(NS).withName(name).get();
    }

    static String image(TestNode node, String deployment) {
        return deployment(node, deployment).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    /** Pods of a chart component (backend, frontend, database) that are not on their way out. */
    static List<Pod> livePods(TestNode node, String component) {
        return node.client().pods().inNamespace(NS).withLabel("app.kubernetes.io/component", component).list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    /**
     * The images the pods of a component run, terminating ones included: they may still answer
     * requests. Succeeded and Failed pods run nothing (an evicted one would only make this flaky).
     */
    static Set<String> runningImages(TestNode node, String component) {
        return node.client().pods().inNamespace(NS).withLabel("app.kubernetes.io/component", component).list().getItems()
                .stream().filter(p -> !Set.of("Succeeded", "Failed").contains(p.getStatus().getPhase()))
                .flatMap(p -> p.getSpec().getContainers().stream()).map(c -> c.getImage()).collect(Collectors.toSet());
    }

    static Map<String, String> pvcUids(TestNode node) {
        return node.pvcUids(NS);
    }

    @Test
    @Order(1)
    void installWaitsUntilEveryObjectIsReadyAndTheAppAnswers(TestNode node) {
        CliRun run = install(node);
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("Deployment/backend: ready"), run.out());
        assertTrue(run.out().contains("Service/frontend: ready"), run.out());

        // --wait returned: the app answers at once, through nginx -> Django -> PostgreSQL
        TestNode.Http page = node.get("/");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("motos frontend v1"), page.body());
        assertTrue(visits(node).contains("\"version\": \"v1\""), visits(node));
        for (String component : List.of("postgres", "backend", "frontend")) {
            Deployment d = deployment(node, component);
            assertEquals(1, d.getStatus().getAvailableReplicas(), component + " available");
        }
        CliRun status = motospkg(node, "status");
        assertEquals(0, status.exitCode(), status.err());
        assertFalse(status.out().contains(" no "), "every object ready:\n" + status.out());
    }

    @Test
    @Order(2)
    void upgradeWaitReturnsOnlyAfterTheRolloutAndKeepsTheData(TestNode node) {
        TestNode.Http visit = node.http("POST", "/api/visits", "written-before-upgrades");
        assertEquals(200, visit.status(), visit.body());
        TestNode.Http upload = node.http("PUT", "/api/media/" + MEDIA, MEDIA_CONTENT);
        assertEquals(201, upload.status(), upload.body());

        CliRun run = motospkg(node, "upgrade", "--set", "backend.tag=v2", "--wait", "--timeout", "180s");
        assertEquals(0, run.exitCode(), run.out() + run.err());

        // the moment --wait returns, the rollout is complete: no pod of the old ReplicaSet is left
        // (terminating ones included: they may still answer requests)
        assertEquals(Set.of("motos-backend:v2"), runningImages(node, "backend"));
        Deployment backend = deployment(node, "backend");
        assertEquals(backend.getMetadata().getGeneration(), backend.getStatus().getObservedGeneration());
        assertEquals(1, backend.getStatus().getUpdatedReplicas());
        assertEquals(1, backend.getStatus().getReplicas(), "no old replica pending termination");
        List<Pod> pods = livePods(node, "backend");
        assertEquals(1, pods.size(), "one live backend pod");
        assertEquals("motos-backend:v2", pods.get(0).getSpec().getContainers().get(0).getImage());
        assertTrue(visits(node).contains("\"version\": \"v2\""), visits(node));
        assertDataThere(node);
    }

    @Test
    @Order(3)
    void aBrokenUpgradeWithAtomicFailsNamingThePullErrorAndRollsBack(TestNode node) {
        CliRun run = motospkg(node, "upgrade", "--set", "backend.tag=missing", "--wait", "--atomic", "--timeout", "60s");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().matches("(?s).*(ErrImagePull|ImagePullBackOff).*"), "names the pod reason:\n" + run.err());
        assertTrue(run.err().contains("motos-backend:missing"), "names the image:\n" + run.err());
        // the rollback that --atomic runs waits too (and may report ready): only the upgrade's own wait counts
        int atomic = run.out().indexOf("Atomic:");
        assertTrue(atomic > 0, "--atomic rolled back:\n" + run.out());
        assertFalse(run.out().substring(0, atomic).contains("Deployment/backend: ready"),
                "never calls the broken rollout ready:\n" + run.out());

        eventually(Duration.ofSeconds(90), "backend back on v2 with one live pod", () ->
                image(node, "backend").equals("motos-backend:v2") && livePods(node, "backend").size() == 1);
        assertTrue(visits(node).contains("\"version\": \"v2\""));
        assertDataThere(node);

        CliRun history = motospkg(node, "history");
        assertEquals(0, history.exitCode(), history.err());
        assertTrue(history.out().contains("failed"), "history shows the failed revision:\n" + history.out());
        // the migrate step runs the new image first: its pull error stops the upgrade before the backend
        // changes, so revision 2 never stopped being the deployed one and atomic has nothing to roll back
        assertTrue(history.out().matches("(?s).*\\n\\s*3\\s.*failed.*step migrate failed.*"), history.out());
        assertTrue(history.out().matches("(?s).*\\n\\s*2\\s.*deployed.*"), "revision 2 still deployed:\n" + history.out());
    }

    @Test
    @Order(4)
    void rollbackWaitDeletingPostgresAndAnUpgradeThatRecreatesItKeepTheData(TestNode node) {
        // v2's migration added a table v1 does not know: a plain rollback says so and changes nothing
        CliRun refused = motospkg(node, "rollback", "motos", "1", "--wait", "--timeout", "180s");
        assertEquals(1, refused.exitCode(), refused.out() + refused.err());
        assertTrue(refused.err().startsWith("Error: rollback refused before changing anything: the database is ahead"
                + " of revision 1's code (motos-backend:v1): it has migration visits.0002_upload applied"), refused.err());
        assertEquals("motos-backend:v2", image(node, "backend"));
        // the migration only added a table: v1 works with it, so the objects alone go back
        CliRun rollback = motospkg(node, "rollback", "motos", "1", "--keep-data", "--wait", "--timeout", "180s");
        assertEquals(0, rollback.exitCode(), rollback.out() + rollback.err());
        assertEquals(Set.of("motos-backend:v1"), runningImages(node, "backend"), "no v2 pod left, terminating ones included");
        assertTrue(rollback.out().contains("step schema-check skipped: --keep-data"), rollback.out());
        assertEquals("motos-backend:v1", image(node, "backend"));
        assertTrue(visits(node).contains("\"version\": \"v1\""), visits(node));
        assertDataThere(node);

        String oldPod = livePods(node, "database").get(0).getMetadata().getName();
        node.kubectl("delete", "pod", "-n", NS, oldPod, "--wait=true");
        eventually(APP_TIMEOUT, "a new postgres pod is ready", () -> livePods(node, "database").stream()
                .anyMatch(p -> !p.getMetadata().getName().equals(oldPod) && p.getStatus().getContainerStatuses() != null
                        && p.getStatus().getContainerStatuses().stream().allMatch(c -> Boolean.TRUE.equals(c.getReady()))));
        assertDataThere(node);

        String before = livePods(node, "database").get(0).getMetadata().getUid();
        CliRun recreate = motospkg(node, "upgrade", "--set-string", "postgres.resources.requests.memory=64Mi",
                "--wait", "--timeout", "180s");
        assertEquals(0, recreate.exitCode(), recreate.out() + recreate.err());
        List<Pod> after = livePods(node, "database");
        assertEquals(1, after.size());
        assertFalse(after.get(0).getMetadata().getUid().equals(before), "postgres was recreated");
        assertDataThere(node);
    }

    @Test
    @Order(5)
    void uninstallThenInstallReattachesTheSameVolumes(TestNode node) {
        Map<String, String> uids = pvcUids(node);
        assertEquals(3, uids.size(), "database, media and backup volumes: " + uids);

        CliRun uninstall = motospkg(node, "uninstall");
        assertEquals(0, uninstall.exitCode(), uninstall.out() + uninstall.err());
        eventually(Duration.ofSeconds(90), "the app's pods are gone",
                () -> node.client().pods().inNamespace(NS).list().getItems().isEmpty());
        assertEquals(uids, pvcUids(node), "uninstall keeps the PVCs");

        CliRun again = install(node);
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertEquals(uids, pvcUids(node), "install takes the same PVCs back");
        assertDataThere(node);
    }

    @Test
    @Order(6)
    void theDataSurvivesTheNodeGoingDownAndUp(TestNode node) {
        assertEquals(0, node.devCluster("down").exit());
        assertEquals(-1, node.get("/api/visits").status(), "down stops everything");
        assertEquals(0, node.devCluster("up", "--node").exit());
        assertDataThere(node);
    }

    @Test
    @Order(7)
    void driftMadeWithKubectlIsShownAndRevertedByTheNextUpgrade(TestNode node) {
        node.kubectl("scale", "deployment/frontend", "-n", NS, "--replicas=2");
        node.kubectl("set", "image", "deployment/backend", "-n", NS, "backend=motos-backend:v2");
        TestNode.Result edit = node.kubectl(Map.of("KUBE_EDITOR", "sed -i s/periodSeconds:\\ 10/periodSeconds:\\ 17/"),
                "edit", "deployment/postgres", "-n", NS);
        assertEquals(0, edit.exit(), edit.output());

        CliRun diff = motospkg(node, "diff", "--exit-code");
        assertEquals(3, diff.exitCode(), diff.out() + diff.err());
        assertTrue(diff.out().contains("motos-backend:v2"), diff.out());
        assertTrue(diff.out().contains("kubectl-set"), "names the writer of the image:\n" + diff.out());
        assertTrue(diff.out().contains("kubectl-edit"), "names the writer of the probe:\n" + diff.out());
        assertTrue(diff.out().contains("replicas"), diff.out());

        CliRun upgrade = motospkg(node, "upgrade", "--wait", "--timeout", "180s");
        assertEquals(0, upgrade.exitCode(), upgrade.out() + upgrade.err());
        assertTrue(upgrade.out().contains("reverting"), "says what it reverts:\n" + upgrade.out());
        assertEquals("motos-backend:v1", image(node, "backend"));
        assertEquals(1, deployment(node, "frontend").getSpec().getReplicas());
        assertEquals(10, deployment(node, "postgres").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getReadinessProbe().getPeriodSeconds());
        assertEquals(0, motospkg(node, "diff", "--exit-code").exitCode(), "no drift left");
        assertDataThere(node);
    }

    @Test
    @Order(8)
    void uninstallDeleteDataReallyDeletesTheVolumesAndTheirFiles(TestNode node) throws Exception {
        Path volumes = node.stateDir().resolve("volumes");
        List<String> pvNames = node.client().persistentVolumeClaims().inNamespace(NS).list().getItems().stream()
                .map(p -> p.getSpec().getVolumeName()).toList();
        List<Path> dirs = new ArrayList<>();
        for (String pv : pvNames) {
            dirs.add(Path.of(node.client().persistentVolumes().withName(pv).get().getSpec().getHostPath().getPath()));
        }
        assertTrue(dirs.stream().allMatch(d -> d.startsWith(volumes) && Files.isDirectory(d)), dirs.toString());

        CliRun run = motospkg(node, "uninstall", "--delete-data");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        eventually(Duration.ofSeconds(120), "PVCs and their volumes are gone",
                () -> node.client().persistentVolumeClaims().inNamespace(NS).list().getItems().isEmpty()
                        && pvNames.stream().allMatch(pv -> node.client().persistentVolumes().withName(pv).get() == null));
        eventually(Duration.ofSeconds(30), "the volume directories are deleted",
                () -> dirs.stream().noneMatch(Files::exists));
        CliRun status = motospkg(node, "status");
        assertEquals(false, status.exitCode() == 0 && status.out().contains("deployed"), status.out());
    }

    @AfterAll
    static void cleanUp(TestNode node) {
        node.removeRelease(NS);
    }
}
