package dev.motospkg.it;

import static dev.motospkg.it.ReleaseLifecycleIT.motospkg;
import static dev.motospkg.it.ReleaseLifecycleIT.releaseRecords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.ChartCopy;
import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.LegacyManifests;
import dev.motospkg.testing.RealCluster;
import dev.motospkg.testing.TestCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A `kubectl apply -f kubernetes/` deployment moved to motospkg, on the real API server. */
@RealCluster
class KubectlMigrationIT {
    @TempDir
    Path tmp;

    /** The values a team writes to match what it runs (the legacy manifests' tags, sizes, PGDATA, port, password). */
    static List<String> matching(int nodePort) {
        return List.of("-f", "values/values-dev.yaml", "--set-string", "postgres.tag=15,backend.tag=v2,frontend.tag=v2,postgres.dataSubdir=",
                "--set", "postgres.storage=2Gi,media.storage=1Gi,frontend.service.nodePort=" + nodePort,
                "--set-string", "postgres.auth.password=" + LegacyManifests.PASSWORD);
    }

    static int freeNodePort() {
        // the local server never frees node ports of namespaces deleted by earlier tests
        return ThreadLocalRandom.current().nextInt(30100, 32700);
    }

    static CliRun run(TestCluster cluster, List<CliRun> log, List<String> first, List<String> more) {
        List<String> args = new ArrayList<>(first);
        args.addAll(more);
        CliRun r = motospkg(cluster, args.toArray(String[]::new));
        log.add(r);
        return r;
    }

    @Test
    void legacyManifestsAreAdoptedWithForceKeepingTheDataAndEndingExactlyAsTheChart(TestCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = cluster.namespace();
        int nodePort = freeNodePort();
        LegacyManifests.applyClientSide(client, ns, nodePort);
        Map<String, String> pvcs = uids(cluster, "PersistentVolumeClaim");
        Map<String, String> services = uids(cluster, "Service");
        assertEquals(2, pvcs.size(), pvcs.toString());
        List<CliRun> log = new ArrayList<>();
        List<String> values = matching(nodePort);

        CliRun preview = run(cluster, log, List.of("diff", "install", "--adopt"), values);
        String previewText = preview.out() + preview.err();
        assertEquals(1, preview.exitCode(), "a diff of a change preflight refuses exits 1:\n" + previewText);
        assertTrue(previewText.contains("3 refused"), previewText);
        for (String d : List.of("postgres", "backend", "frontend")) {
            assertTrue(previewText.contains("Deployment/" + ns + "/" + d + ": spec.selector would change"), previewText);
        }
        assertTrue(previewText.contains("re-run with --force"), previewText);
        // the Service diff tells the truth: kubectl's app label leaves the selector
        assertTrue(preview.out().contains("-    app: frontend"), preview.out());

        CliRun refused = run(cluster, log, List.of("install", "--adopt"), values);
        assertEquals(1, refused.exitCode(), refused.out() + refused.err());
        assertTrue(refused.err().contains("3 problems"), refused.err());
        assertTrue(releaseRecords(cluster).isEmpty(), "nothing recorded");

        CliRun forced = run(cluster, log, List.of("diff", "install", "--adopt", "--force"), values);
        assertEquals(0, forced.exitCode(), forced.out() + forced.err());
        assertTrue(forced.out().contains("!3 to replace"), forced.out());
        assertFalse(forced.out().contains("Preflight would refuse"), forced.out());

        CliRun install = run(cluster, log, List.of("install", "--adopt", "--force"), values);
        assertEquals(0, install.exitCode(), install.out() + install.err());
        String out = install.out();
        int postgres = out.indexOf("replacing Deployment/" + ns + "/postgres: deleting it and creating it again; its pods restart");
        int backend = out.indexOf("replacing Deployment/" + ns + "/backend: deleting it and creating it again; its pods restart");
        int frontend = out.indexOf("replacing Deployment/" + ns + "/frontend: deleting it and creating it again; its pods restart");
        assertTrue(postgres >= 0 && backend > postgres && frontend > backend, out);

        assertEquals(pvcs, uids(cluster, "PersistentVolumeClaim"), "same PVCs: the data stays");
        assertEquals(services, uids(cluster, "Service"), "Services adopted in place");
        for (String svc : List.of("postgres", "backend", "frontend")) {
            Map<String, String> selector = client.services().inNamespace(ns).withName(svc).get().getSpec().getSelector();
            String component = svc.equals("postgres") ? "database" : svc;
            assertEquals(new TreeMap<>(Map.of("app.kubernetes.io/name", "motos", "app.kubernetes.io/instance", "motos",
                    "app.kubernetes.io/component", component)), new TreeMap<>(selector), svc);
        }
        for (Map<String, Object> o : objects(cluster)) {
            String what = o.get("kind") + "/" + ((Map<?, ?>) o.get("metadata")).get("name");
            List<String> managers = LegacyManifests.managers(o);
            assertFalse(managers.contains(LegacyManifests.CLIENT_SIDE_MANAGER), what + " " + managers);
            assertFalse(managers.contains("before-first-apply"), what + " " + managers);
            Object annotations = ((Map<?, ?>) o.get("metadata")).get("annotations");
            assertFalse(annotations instanceof Map<?, ?> a && a.containsKey(LegacyManifests.LAST_APPLIED), what);
            Object labels = ((Map<?, ?>) o.get("metadata")).get("labels");
            assertFalse(labels instanceof Map<?, ?> l && l.containsKey("app"), what + " keeps kubectl's app label");
        }
        Deployment db = client.apps().deployments().inNamespace(ns).withName("postgres").get();
        db.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().forEach(e -> assertFalse(
                e.getValue() != null && e.getValue().equals(LegacyManifests.PASSWORD), "inline password left"));
        assertEquals("postgres:15", db.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());

        CliRun after = run(cluster, log, List.of("diff", "upgrade", "--exit-code"), List.of());
        assertEquals(0, after.exitCode(), after.out() + after.err());
        run(cluster, log, List.of("diff"), List.of());
        run(cluster, log, List.of("status"), List.of());

        String b64 = Base64.getEncoder().encodeToString(LegacyManifests.PASSWORD.getBytes(StandardCharsets.UTF_8));
        for (CliRun r : log) {
            String all = r.out() + r.err();
            assertFalse(all.contains(LegacyManifests.PASSWORD), "clear password in:\n" + all);
            assertFalse(all.contains(b64), "base64 password in:\n" + all);
        }
    }

    @Test
    void aFieldRemovedFromTheChartAfterAdoptionLeavesTheLiveObject(TestCluster cluster) throws Exception {
        // The team's manifests already carry the chart's labels (rendered once, applied with kubectl):
        // nothing needs replacing, so the Deployments are adopted in place.
        String ns = cluster.namespace();
        int nodePort = freeNodePort();
        Path manifests = tmp.resolve("kubernetes");
        CliRun rendered = CliRun.inProject("template", "-f", "values/values-dev.yaml", "-n", ns, "--set",
                "frontend.service.nodePort=" + nodePort, "--set", ReleaseLifecycleIT.NO_STEPS_VALUES,
                "--output-dir", manifests.toString());
        assertEquals(0, rendered.exitCode(), rendered.err());
        var yaml = new dev.motospkg.yaml.YamlCodec();
        try (Stream<Path> files = Files.list(manifests)) {
            for (Path f : files.sorted().toList()) {
                for (Object doc : yaml.parseAll(Files.readString(f), f.toString())) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> object = (Map<String, Object>) doc;
                    LegacyManifests.applyClientSide(cluster.client(), object);
                }
            }
        }
        CliRun install = motospkg(cluster, "install", "--adopt", "-f", "values/values-dev.yaml", "--set",
                "frontend.service.nodePort=" + nodePort);
        assertEquals(0, install.exitCode(), install.out() + install.err());
        assertTrue(install.out().contains("(taken over from kubectl apply)"), install.out());
        assertFalse(install.out().contains("replacing"), install.out());

        Path chart = ChartCopy.to(tmp.resolve("chart"));
        Path template = chart.resolve("templates/06-backend-deployment.yaml");
        String text = Files.readString(template);
        int start = text.indexOf("          readinessProbe:");
        int end = text.indexOf("          {%- if values.backend.resources %}");
        assertTrue(start > 0 && end > start, "the test must find the readinessProbe block");
        Files.writeString(template, text.substring(0, start) + text.substring(end));

        CliRun drift = motospkg(cluster, "diff");
        assertFalse(drift.out().contains("kubectl-client-side-apply"), drift.out());
        CliRun upgrade = motospkg(cluster, "upgrade", "--chart", chart.toString());
        assertEquals(0, upgrade.exitCode(), upgrade.out() + upgrade.err());
        assertFalse(upgrade.out().contains("reverting"), upgrade.out());
        Deployment backend = cluster.client().apps().deployments().inNamespace(ns).withName("backend").get();
        assertNull(backend.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe(),
                "the readinessProbe the chart no longer has is gone from the live object");
        CliRun clean = motospkg(cluster, "diff", "upgrade", "--chart", chart.toString(), "--exit-code");
        assertEquals(0, clean.exitCode(), clean.out() + clean.err());
    }

    private static Map<String, String> uids(TestCluster cluster, String kind) {
        Map<String, String> out = new TreeMap<>();
        var c = cluster.client();
        List<? extends HasMetadata> items = kind.equals("Service") ? c.services().inNamespace(cluster.namespace()).list()
                .getItems() : c.persistentVolumeClaims().inNamespace(cluster.namespace()).list().getItems();
        items.forEach(o -> out.put(o.getMetadata().getName(), o.getMetadata().getUid()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(TestCluster cluster) {
        var c = cluster.client();
        String ns = cluster.namespace();
        List<Map<String, Object>> out = new ArrayList<>();
        Stream.of(c.apps().deployments().inNamespace(ns).list().getItems(),
                        c.services().inNamespace(ns).list().getItems(),
                        c.persistentVolumeClaims().inNamespace(ns).list().getItems(),
                        List.of(c.namespaces().withName(ns).get()))
                .flatMap(List::stream)
                .forEach(o -> out.add(c.getKubernetesSerialization().convertValue(o, Map.class)));
        return out;
    }
}
