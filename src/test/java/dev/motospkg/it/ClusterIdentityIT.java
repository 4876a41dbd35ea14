package dev.motospkg.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.release.Release;
import dev.motospkg.storage.ReleaseCodec;
import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.RealCluster;
import dev.motospkg.testing.TestCluster;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Base64;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/** On the API server: writing commands name their target first; each revision records the kube-system uid. */
@RealCluster
class ClusterIdentityIT {

    @Test
    void installAndUninstallNameTheirTargetAndTheRevisionRecordsTheCluster(TestCluster cluster) {
        String uid = cluster.client().namespaces().withName("kube-system").get().getMetadata().getUid();
        String server = cluster.serverUrl().replaceAll("/$", "");
        String target = "Target: context motospkg-dev, server " + server + ", namespace " + cluster.namespace()
                + ", kube-system uid " + uid + "\n";
        CliRun install = ReleaseLifecycleIT.motospkg(cluster, "install", "-f", "values/values-dev.yaml", "--set",
                ReleaseLifecycleIT.NODEPORT_ANY);
        assertEquals(0, install.exitCode(), install.out() + install.err());
        assertTrue(install.out().startsWith(target + "Install motos.v1 in namespace " + cluster.namespace() + ":\n"),
                install.out());

        Secret record = ReleaseLifecycleIT.releaseRecords(cluster).stream()
                .max(Comparator.comparing(s -> s.getMetadata().getName())).orElseThrow();
        Release stored = new ReleaseCodec().decode(Base64.getDecoder().decode(record.getData().get("release")));
        assertEquals(uid, stored.appliedTo().clusterId());
        assertEquals("context motospkg-dev, server " + server, stored.appliedTo().via());

        CliRun status = ReleaseLifecycleIT.motospkg(cluster, "status");
        assertTrue(status.out().contains("CLUSTER: kube-system uid " + uid + " (applied through context motospkg-dev,"
                + " server " + server + ")\n"), status.out());

        CliRun uninstall = ReleaseLifecycleIT.motospkg(cluster, "uninstall");
        assertEquals(0, uninstall.exitCode(), uninstall.out() + uninstall.err());
        assertTrue(uninstall.out().startsWith(target), uninstall.out());
    }
}
