package dev.motospkg.it;

import static dev.motospkg.it.ReleaseLifecycleIT.NODEPORT_ANY;
import static dev.motospkg.it.ReleaseLifecycleIT.backendImage;
import static dev.motospkg.it.ReleaseLifecycleIT.motospkg;
import static dev.motospkg.it.ReleaseLifecycleIT.releaseRecords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.ChartCopy;
import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.RealCluster;
import dev.motospkg.testing.TestCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diff, drift and preflight on the real API server. */
@RealCluster
class DiffAndPreflightIT {
    @TempDir
    Path tmp;

    static String[] dev(String... more) {
        List<String> args = new ArrayList<>(List.of("-f", "values/values-dev.yaml", "--set", NODEPORT_ANY));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static String[] concat(String first, String... rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    private static void kubectl(TestCluster cluster, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", cluster.kubeconfig().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
    }

    /** resourceVersion of every object in the namespace: unchanged means nothing was written. */
    private static Map<String, String> versions(TestCluster cluster) {
        Map<String, String> out = new TreeMap<>();
        var c = cluster.client();
        String ns = cluster.namespace();
        Stream.of(c.apps().deployments().inNamespace(ns).list().getItems(),
                        c.services().inNamespace(ns).list().getItems(),
                        c.persistentVolumeClaims().inNamespace(ns).list().getItems(),
                        c.secrets().inNamespace(ns).list().getItems())
                .flatMap(List::stream)
                .map(o -> (HasMetadata) o)
                .forEach(o -> out.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
        return out;
    }

    @Test
    void kubectlScaleShowsAsDriftNamingTheManagerAndUpgradeRevertsIt(TestCluster cluster) throws Exception {
        assertEquals(0, motospkg(cluster, concat("install", dev())).exitCode());
        CliRun clean = motospkg(cluster, "diff", "upgrade", "--exit-code");
        assertEquals(0, clean.exitCode(), clean.out() + clean.err());
        assertTrue(clean.out().startsWith("+0 to create, ~0 to change, -0 to delete"), clean.out());

        kubectl(cluster, "-n", cluster.namespace(), "scale", "deployment", "backend", "--replicas=3");

        CliRun diff = motospkg(cluster, "diff", "upgrade", "--exit-code");
        assertEquals(3, diff.exitCode(), diff.out() + diff.err());
        assertTrue(diff.out().contains("~1 to change"), diff.out());
        assertTrue(diff.out().contains("-  replicas: 3"), diff.out());
        assertTrue(diff.out().contains("+  replicas: 1"), diff.out());
        // kubectl scale goes through the scale subresource, for which a 1.20 server records no field
        // manager; the diff still says the value was changed outside motospkg.
        assertTrue(diff.out().contains("reverts: spec.replicas (set by "), diff.out());

        CliRun drift = motospkg(cluster, "diff", "-o", "json");
        assertEquals(0, drift.exitCode(), drift.err());
        assertTrue(drift.out().contains("\"path\": \"spec.replicas\""), drift.out());
        assertTrue(drift.out().contains("\"changedBy\": \"an unrecorded writer"), drift.out());

        // A change through the object itself is recorded: the diff names kubectl's field manager.
        kubectl(cluster, "-n", cluster.namespace(), "patch", "deployment", "frontend", "-p",
                "{\"spec\":{\"replicas\":2}}");
        CliRun named = motospkg(cluster, "diff");
        assertTrue(named.out().contains("spec.replicas (set by kubectl-patch)"), named.out());

        CliRun upgrade = motospkg(cluster, "upgrade");
        assertEquals(0, upgrade.exitCode(), upgrade.out() + upgrade.err());
        assertTrue(upgrade.out().contains("reverting Deployment/" + cluster.namespace() + "/backend spec.replicas: 3 -> 1"),
                upgrade.out());
        assertEquals(0, motospkg(cluster, "diff", "upgrade", "--exit-code").exitCode());
    }

    @Test
    void thePasswordNeverAppearsUnlessAskedFor(TestCluster cluster) {
        String password = "Sup3r-S3cret-pw";
        String next = "N3xt-S3cret-pw";
        assertEquals(0, motospkg(cluster, concat("install", dev("--set-string", "postgres.auth.password=" + password)))
                .exitCode());
        List<CliRun> outputs = List.of(
                motospkg(cluster, "diff", "upgrade", "--set-string", "postgres.auth.password=" + next),
                motospkg(cluster, "diff", "upgrade", "--set-string", "postgres.auth.password=" + next, "-o", "json"),
                motospkg(cluster, "diff"),
                motospkg(cluster, "status", "--drift"),
                motospkg(cluster, "history", "-o", "yaml"),
                motospkg(cluster, "get", "values"),
                motospkg(cluster, "get", "values", "-o", "json"),
                motospkg(cluster, "get", "manifest"),
                motospkg(cluster, "upgrade", "--dry-run", "--set-string", "postgres.auth.password=" + next),
                motospkg(cluster, "upgrade", "--set-string", "postgres.auth.password=" + next));
        for (CliRun run : outputs) {
            String all = run.out() + run.err();
            for (String secret : List.of(password, next)) {
                assertFalse(all.contains(secret), "clear password in:\n" + all);
                assertFalse(all.contains(b64(secret)), "base64 password in:\n" + all);
            }
        }
        CliRun secretDiff = outputs.get(0);
        assertTrue(secretDiff.out().contains("Secret/" + cluster.namespace() + "/postgres-credentials"), secretDiff.out());
        assertTrue(secretDiff.out().contains("bytes"), secretDiff.out());

        CliRun shown = motospkg(cluster, "get", "values", "--show-secrets");
        assertTrue(shown.out().contains(next), shown.out());
    }

    @Test
    void selectorChangeIsRefusedAndNothingIsWritten(TestCluster cluster) throws IOException {
        assertEquals(0, motospkg(cluster, concat("install", dev())).exitCode());
        Path chart = ChartCopy.to(tmp.resolve("chart"));
        Path helpers = chart.resolve("templates/_helpers.j2");
        String text = Files.readString(helpers);
        int selector = text.indexOf("macro selectorLabels");
        String changed = text.substring(0, selector) + text.substring(selector)
                .replace("app.kubernetes.io/component: {{ component", "app.kubernetes.io/tier: {{ component");
        assertFalse(text.equals(changed), "the test must change the selector labels");
        Files.writeString(helpers, changed);
        Map<String, String> before = versions(cluster);
        int records = releaseRecords(cluster).size();

        CliRun refused = motospkg(cluster, "upgrade", "--chart", chart.toString());
        assertEquals(1, refused.exitCode(), refused.out() + refused.err());
        assertTrue(refused.err().contains("spec.selector would change"), refused.err());
        assertTrue(refused.err().contains("Nothing was written"), refused.err());
        assertEquals(before, versions(cluster), "no object changed");
        assertEquals(records, releaseRecords(cluster).size(), "no release record written");
    }

    @Test
    void anInstallRefusedInANamespaceItsLockMadeSaysSo(TestCluster cluster) {
        String port = "frontend.service.nodePort=31991";
        assertEquals(0, motospkg(cluster, concat("install", dev("--set", port))).exitCode());
        String fresh = "refused-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        try {
            List<String> args = ReleaseLifecycleIT.withoutSteps(List.of(concat("install", dev("--set", port))));
            args.addAll(List.of("-n", fresh, "--kubeconfig", cluster.kubeconfig().toString()));
            CliRun refused = CliRun.inProject(args.toArray(String[]::new));

            assertEquals(1, refused.exitCode(), refused.out() + refused.err());
            assertTrue(refused.err().contains("provided port is already allocated"), refused.err());
            assertTrue(refused.err().contains("Nothing was written but namespace " + fresh + " and the release's lock"
                    + " in it (taking the lock made the namespace): no other object and no release record."),
                    refused.err());
            assertEquals(List.of(), cluster.client().secrets().inNamespace(fresh).list().getItems().stream()
                    .map(HasMetadata::getMetadata).map(m -> m.getName()).filter(n -> !n.startsWith("default-token-"))
                    .toList(), "no record and no Secret of the chart");
        } finally {
            cluster.client().namespaces().withName(fresh).delete();
        }
    }

    @Test
    void shrinkingPostgresStorageIsRefusedAndNothingIsWritten(TestCluster cluster) {
        assertEquals(0, motospkg(cluster, concat("install", dev())).exitCode());
        Map<String, String> before = versions(cluster);
        CliRun refused = motospkg(cluster, "upgrade", "--set", "postgres.storage=100Mi");
        assertEquals(1, refused.exitCode(), refused.out() + refused.err());
        assertTrue(refused.err().contains("postgres-pvc: storage would shrink from 1Gi to 100Mi"), refused.err());
        assertEquals(before, versions(cluster));
        assertEquals(1, releaseRecords(cluster).size());
        CliRun diff = motospkg(cluster, "diff", "upgrade", "--set", "postgres.storage=100Mi", "--exit-code");
        assertEquals(1, diff.exitCode(), "the upgrade it previews would fail");
        assertTrue(diff.out().contains(", 1 refused"), diff.out());
        assertTrue(diff.err().contains("Error: upgrade would be refused before changing anything (1 problem):"),
                diff.err());
        assertTrue(diff.err().contains("postgres-pvc: storage would shrink from 1Gi to 100Mi"), diff.err());
    }

    @Test
    void manifestsAppliedWithKubectlAreRefusedThenAdoptedInPlace(TestCluster cluster) throws Exception {
        Path manifests = tmp.resolve("kubernetes");
        CliRun rendered = CliRun.inProject(concat("template", dev("-n", cluster.namespace(), "--output-dir",
                manifests.toString(), "--set", ReleaseLifecycleIT.NO_STEPS_VALUES)));
        assertEquals(0, rendered.exitCode(), rendered.err());
        kubectl(cluster, "apply", "-f", manifests.toString());
        Map<String, String> uids = uids(cluster);
        assertEquals(8, uids.size(), uids.toString());

        CliRun refused = motospkg(cluster, concat("install", dev()));
        assertEquals(1, refused.exitCode(), refused.out() + refused.err());
        for (String object : List.of("Deployment/" + cluster.namespace() + "/backend",
                "PersistentVolumeClaim/" + cluster.namespace() + "/postgres-pvc", "Service/" + cluster.namespace() + "/frontend")) {
            assertTrue(refused.err().contains(object + " already exists and is not managed by motospkg"), refused.err());
        }
        assertTrue(refused.err().contains("--adopt"), refused.err());
        assertTrue(releaseRecords(cluster).isEmpty());

        CliRun adopted = motospkg(cluster, concat("install", dev("--adopt")));
        assertEquals(0, adopted.exitCode(), adopted.out() + adopted.err());
        assertTrue(adopted.out().contains("adopting"), adopted.out());
        assertEquals(uids, uids(cluster), "same objects: nothing deleted and re-created");
        assertEquals("512Mi", cluster.client().persistentVolumeClaims().inNamespace(cluster.namespace())
                .withName("media-pvc").get().getSpec().getResources().getRequests().get("storage").toString());
        assertEquals("motos-backend:v1", backendImage(cluster));
    }

    @Test
    void noOpUpgradeSendsNoWriteForTheAppsObjects(TestCluster cluster) throws IOException {
        assertEquals(0, motospkg(cluster, concat("install", dev())).exitCode());
        Path log = tmp.resolve("requests.log");
        System.setProperty("motospkg.requestLog", log.toString());
        CliRun upgrade;
        try {
            upgrade = motospkg(cluster, "upgrade");
        } finally {
            System.clearProperty("motospkg.requestLog");
        }
        assertEquals(0, upgrade.exitCode(), upgrade.out() + upgrade.err());
        assertTrue(upgrade.out().contains("is up to date"), upgrade.out());
        List<String> requests = Files.readAllLines(log);
        List<String> appWrites = requests.stream()
                .filter(r -> !r.startsWith("GET "))
                .filter(r -> !r.contains("dryRun=All"))
                .filter(r -> !r.contains("/leases/") && !r.endsWith("/leases"))
                .toList();
        assertEquals(List.of(), appWrites, "all requests:\n" + String.join("\n", requests));
    }

    private static Map<String, String> uids(TestCluster cluster) {
        Map<String, String> out = new TreeMap<>();
        var c = cluster.client();
        String ns = cluster.namespace();
        Stream.of(c.apps().deployments().inNamespace(ns).list().getItems(),
                        c.services().inNamespace(ns).list().getItems(),
                        c.persistentVolumeClaims().inNamespace(ns).list().getItems())
                .flatMap(List::stream)
                .map(o -> (HasMetadata) o)
                .forEach(o -> out.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getUid()));
        return out;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
