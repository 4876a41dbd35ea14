package dev.motospkg.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.release.ReleaseStatus;
import dev.motospkg.storage.SecretReleaseStore;
import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.ControllerPlayer;
import dev.motospkg.testing.RealCluster;
import dev.motospkg.testing.TestCluster;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** install / upgrade / rollback / history / status / uninstall through the CLI, on the real API server. */
@RealCluster
class ReleaseLifecycleIT {
    /** NodePorts are cluster-wide: tests running side by side let Kubernetes pick one. */
    static final String NODEPORT_ANY = "frontend.service.nodePort=null";

    /**
     * The chart's steps (the migrate and backup Jobs) need a Job controller and a running postgres:
     * the API server has neither, so ITs render the chart without them. StepsE2E runs them for real.
     */
    static final String NO_STEPS_VALUES = "backend.migrate=false,backup.enabled=false";
    static final List<String> NO_STEPS = List.of("--set", NO_STEPS_VALUES);

    /** {@code args} with {@link #NO_STEPS} added when the command renders the chart for a change. */
    static List<String> withoutSteps(List<String> args) {
        List<String> all = new ArrayList<>(args);
        boolean renders = !args.isEmpty() && (args.get(0).equals("install") || args.get(0).equals("upgrade")
                || args.get(0).equals("diff") && args.size() > 1
                && (args.get(1).equals("install") || args.get(1).equals("upgrade")));
        if (renders) {
            all.addAll(NO_STEPS);
        }
        return all;
    }

    static CliRun motospkg(TestCluster cluster, String... args) {
        List<String> all = withoutSteps(List.of(args));
        all.addAll(List.of("-n", cluster.namespace(), "--kubeconfig", cluster.kubeconfig().toString()));
        return CliRun.inProject(all.toArray(String[]::new));
    }

    static String backendImage(TestCluster cluster) {
        Deployment d = cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("backend").get();
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    /** Revisions of release motos that read deployed (a replaced one reads superseded: see Supersession). */
    static long deployedRevisions(TestCluster cluster) {
        return new SecretReleaseStore(cluster.client()).history(cluster.namespace(), "motos").stream()
                .filter(r -> r.status() == ReleaseStatus.DEPLOYED).count();
    }

    static List<Secret> releaseRecords(TestCluster cluster) {
        return cluster.client().secrets().inNamespace(cluster.namespace()).withLabel("owner", "motospkg").list()
                .getItems();
    }

    @Test
    void installUpgradeRollbackKeepsValuesAndRecordsRevisions(TestCluster cluster) {
        CliRun install = motospkg(cluster, "install", "-f", "values/values-dev.yaml", "--set", NODEPORT_ANY);
        assertEquals(0, install.exitCode(), install.out() + install.err());
        assertTrue(install.out().contains("Deployment/" + cluster.namespace() + "/backend"), install.out());
        assertEquals("motos-backend:v1", backendImage(cluster));

        CliRun upgrade = motospkg(cluster, "upgrade", "--set", "backend.tag=v2");
        assertEquals(0, upgrade.exitCode(), upgrade.out() + upgrade.err());
        assertEquals("motos-backend:v2", backendImage(cluster));
        PersistentVolumeClaim media = cluster.client().persistentVolumeClaims().inNamespace(cluster.namespace())
                .withName("media-pvc").get();
        assertEquals("512Mi", media.getSpec().getResources().getRequests().get("storage").toString(),
                "the dev values of revision 1 are kept by the upgrade");

        CliRun history = motospkg(cluster, "history", "-o", "json");
        assertEquals(0, history.exitCode(), history.err());
        assertTrue(history.out().contains("\"revision\": 2"), history.out());

        CliRun rollback = motospkg(cluster, "rollback");
        assertEquals(0, rollback.exitCode(), rollback.out() + rollback.err());
        assertEquals("motos-backend:v1", backendImage(cluster));
        CliRun after = motospkg(cluster, "history");
        assertTrue(after.out().lines().anyMatch(l -> l.startsWith("3 ") && l.contains("deployed")
                && l.contains("Rollback to 1")), after.out());
        assertTrue(after.out().lines().anyMatch(l -> l.startsWith("1 ") && l.contains("superseded")), after.out());
        assertEquals(3, releaseRecords(cluster).size());
        Secret record = releaseRecords(cluster).get(0);
        assertEquals("motospkg.dev/release.v1", record.getType());
        assertTrue(record.getMetadata().getName().startsWith("motospkg.release.v1.motos.v"));

        CliRun status = motospkg(cluster, "status");
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains("REVISION: 3"), status.out());
        assertTrue(status.out().contains("minikube service frontend -n " + cluster.namespace()), status.out());

        CliRun values = motospkg(cluster, "get", "values");
        assertEquals(0, values.exitCode(), values.err());
        assertTrue(values.out().contains("storage: 512Mi"), values.out());
        CliRun manifest = motospkg(cluster, "get", "manifest");
        assertTrue(manifest.out().contains("(hidden: "), manifest.out());
    }

    @Test
    void removedObjectIsDeletedButPvcsAreNeverDeletedImplicitly(TestCluster cluster) {
        assertEquals(0, motospkg(cluster, "install", "-f", "values/values-dev.yaml", "--set", NODEPORT_ANY).exitCode());
        KubernetesClient client = cluster.client();
        assertNotNull(client.secrets().inNamespace(cluster.namespace()).withName("postgres-credentials").get());

        CliRun upgrade = motospkg(cluster, "upgrade", "--set", "postgres.auth.existingSecret=my-db");
        assertEquals(0, upgrade.exitCode(), upgrade.out() + upgrade.err());
        assertNull(client.secrets().inNamespace(cluster.namespace()).withName("postgres-credentials").get(),
                "the Secret left the chart, so it left the cluster");

        CliRun uninstall = motospkg(cluster, "uninstall");
        assertEquals(0, uninstall.exitCode(), uninstall.out() + uninstall.err());
        assertNull(client.apps().deployments().inNamespace(cluster.namespace()).withName("backend").get());
        for (String pvc : List.of("postgres-pvc", "media-pvc")) {
            PersistentVolumeClaim kept = client.persistentVolumeClaims().inNamespace(cluster.namespace()).withName(pvc).get();
            assertNotNull(kept, pvc + " kept");
            assertNull(kept.getMetadata().getDeletionTimestamp(), pvc + " not being deleted");
        }
        assertNotNull(client.namespaces().withName(cluster.namespace()).get());
        assertTrue(uninstall.out().contains("Kept: "), uninstall.out());
    }

    @Test
    void uninstallThenInstallTakesTheSameVolumesBack(TestCluster cluster) {
        assertEquals(0, motospkg(cluster, "install", "-f", "values/values-dev.yaml", "--set", NODEPORT_ANY).exitCode());
        KubernetesClient client = cluster.client();
        String uid = client.persistentVolumeClaims().inNamespace(cluster.namespace()).withName("postgres-pvc").get()
                .getMetadata().getUid();
        assertEquals(0, motospkg(cluster, "uninstall").exitCode());
        CliRun again = motospkg(cluster, "install", "-f", "values/values-dev.yaml", "--set", NODEPORT_ANY);
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertEquals(uid, client.persistentVolumeClaims().inNamespace(cluster.namespace()).withName("postgres-pvc").get()
                .getMetadata().getUid(), "the same volume claim, so the same data");
    }

    @Test
    void deleteDataRemovesThePvcsAfterNamingThem(TestCluster cluster, ControllerPlayer controller) {
        assertEquals(0, motospkg(cluster, "install", "-f", "values/values-dev.yaml", "--set", NODEPORT_ANY).exitCode());
        CliRun uninstall = motospkg(cluster, "uninstall", "--delete-data");
        assertEquals(0, uninstall.exitCode(), uninstall.out() + uninstall.err());
        assertTrue(uninstall.out().contains("Deleting data as asked (--delete-data): PersistentVolumeClaim/"),
                uninstall.out());
        for (String pvc : List.of("postgres-pvc", "media-pvc")) {
            PersistentVolumeClaim gone = cluster.client().persistentVolumeClaims().inNamespace(cluster.namespace())
                    .withName(pvc).get();
            // No controllers here: the pvc-protection finalizer holds it in Terminating until a controller clears it.
            assertTrue(gone == null || gone.getMetadata().getDeletionTimestamp() != null, pvc + " deleted");
        }
    }

    @Test
    void secondInstallIsRefusedAndUpgradeOfMissingReleaseExplains(TestCluster cluster) {
        CliRun upgrade = motospkg(cluster, "upgrade");
        assertEquals(2, upgrade.exitCode());
        assertTrue(upgrade.err().contains("no deployed revision"), upgrade.err());
        assertEquals(0, motospkg(cluster, "upgrade", "--install", "-f", "values/values-dev.yaml", "--set", NODEPORT_ANY).exitCode());
        CliRun again = motospkg(cluster, "install");
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("already installed"), again.err());
    }

    @Test
    void dryRunChangesNothing(TestCluster cluster) {
        CliRun dry = motospkg(cluster, "install", "-f", "values/values-dev.yaml", "--set", NODEPORT_ANY, "--dry-run");
        assertEquals(0, dry.exitCode(), dry.err());
        assertTrue(releaseRecords(cluster).isEmpty());
        assertNull(cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("backend").get());
        assertFalse(dry.out().contains("Y2hhbmdlLW1l"), "base64 of the default password never shown");
    }

    @Test
    void listShowsTheRelease(TestCluster cluster) {
        assertEquals(0, motospkg(cluster, "install", "-f", "values/values-dev.yaml", "--set", NODEPORT_ANY).exitCode());
        CliRun list = CliRun.inProject("list", "-n", cluster.namespace(), "--kubeconfig", cluster.kubeconfig().toString());
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(Stream.of("NAME", "motos", "deployed").allMatch(list.out()::contains), list.out());
    }
}
