package dev.motospkg.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.diff.Change;
import dev.motospkg.diff.ChangeKind;
import dev.motospkg.error.MotosException;
import dev.motospkg.kube.ObjectKey;
import dev.motospkg.testing.ActionFixture;
import dev.motospkg.values.SetArg;
import dev.motospkg.values.SetMode;
import dev.motospkg.values.ValuesRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --adopt, --force, the preflight checks of the end state, and drift attribution, on the fake cluster. */
class AdoptAndForceTest {
    private static final String NS = "motos-app";
    private final ActionFixture f = ActionFixture.inProject();

    private static ValuesRequest dev(String... sets) {
        return new ValuesRequest(List.of(Path.of("values/values-dev.yaml")),
                Arrays.stream(sets).map(s -> new SetArg(SetMode.SET, s)).toList());
    }

    private void install(Takeover takeover) {
        new Install(f.ctx).run(new Install.Options(null, dev(), ReleaseTarget.defaults(), WaitOptions.none(), false,
                10, takeover));
    }

    private void legacyDeployment(String name) {
        Map<String, Object> labels = Map.of("app", name);
        f.cluster.put(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", name, "namespace", NS, "labels", labels),
                "spec", Map.of("selector", Map.of("matchLabels", labels), "template", Map.of("metadata",
                        Map.of("labels", labels), "spec", Map.of("containers", List.of(Map.of("name", name,
                                "image", name + ":old")))))));
    }

    @Test
    void withoutForceEveryImmutableChangeIsListedAtOnceWithTheWayOut() {
        List.of("postgres", "backend", "frontend").forEach(this::legacyDeployment);
        MotosException e = assertThrows(MotosException.class, () -> install(new Takeover(true, false)));
        assertTrue(e.getMessage().contains("(3 problems)"), e.getMessage());
        for (String d : List.of("postgres", "backend", "frontend")) {
            assertTrue(e.getMessage().contains("Deployment/" + NS + "/" + d + ": spec.selector would change"), e.getMessage());
        }
        assertTrue(e.getMessage().contains("re-run with --force"), e.getMessage());
        assertFalse(e.getMessage().contains("adopting"), e.getMessage());
        assertEquals(List.of(), f.cluster.writes());
    }

    @Test
    void forceDeletesThenCreatesEachInOrderSayingPodsRestart() {
        List.of("postgres", "backend", "frontend").forEach(this::legacyDeployment);
        install(new Takeover(true, true));
        List<String> writes = f.cluster.writes();
        for (String d : List.of("postgres", "backend", "frontend")) {
            int delete = writes.indexOf("delete Deployment/" + NS + "/" + d);
            assertTrue(delete >= 0 && writes.get(delete + 1).equals("apply Deployment/" + NS + "/" + d), writes.toString());
            assertTrue(f.output.toString().contains("replacing Deployment/" + NS + "/" + d
                    + ": deleting it and creating it again; its pods restart"), f.output.toString());
        }
        assertTrue(writes.indexOf("delete Deployment/" + NS + "/postgres")
                < writes.indexOf("delete Deployment/" + NS + "/backend"), writes.toString());
        Map<?, ?> spec = (Map<?, ?>) f.cluster.find("Deployment", NS, "backend").orElseThrow().get("spec");
        assertEquals(Map.of("matchLabels", Map.of("app.kubernetes.io/name", "motos", "app.kubernetes.io/instance",
                "motos", "app.kubernetes.io/component", "backend")), spec.get("selector"));
    }

    /** The seed's postgres: the official image, PGDATA left at its default, the volume at its root. */
    private void legacyPostgres() {
        Map<String, Object> labels = Map.of("app", "postgres");
        f.cluster.put(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "postgres", "namespace", NS, "labels", labels),
                "spec", Map.of("selector", Map.of("matchLabels", labels), "template", Map.of("metadata",
                        Map.of("labels", labels), "spec", Map.of("containers", List.of(Map.of("name", "postgres",
                                "image", "postgres:15", "volumeMounts", List.of(Map.of("name", "postgres-storage",
                                        "mountPath", "/var/lib/postgresql/data")))),
                                "volumes", List.of(Map.of("name", "postgres-storage", "persistentVolumeClaim",
                                        Map.of("claimName", "postgres-pvc"))))))));
    }

    @Test
    void adoptingAPostgresWhoseDataIsAtTheVolumeRootIsRefusedEvenWithForce() {
        legacyPostgres();
        MotosException e = assertThrows(MotosException.class, () -> install(new Takeover(true, true)));
        assertTrue(e.getMessage().contains("Deployment/" + NS + "/postgres: PostgreSQL (container postgres) would look "
                + "for its database in /var/lib/postgresql/data/pgdata, but the running pods keep it in "
                + "/var/lib/postgresql/data (the image's default PGDATA) on PersistentVolumeClaim postgres-pvc: the new "
                + "pod would start an empty database"), e.getMessage());
        assertTrue(e.getMessage().contains("(in the motos chart: postgres.dataSubdir: \"\" in your values file)"), e.getMessage());
        assertEquals(List.of(), f.cluster.writes());
    }

    @Test
    void keepingTheDataAtTheVolumeRootAdoptsIt() {
        legacyPostgres();
        new Install(f.ctx).run(new Install.Options(null, new ValuesRequest(List.of(Path.of("values/values-dev.yaml")),
                List.of(new SetArg(SetMode.STRING, "postgres.dataSubdir="))), ReleaseTarget.defaults(),
                WaitOptions.none(), false, 10, new Takeover(true, true)));
        Map<?, ?> container = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) f.cluster
                .find("Deployment", NS, "postgres").orElseThrow().get("spec")).get("template")).get("spec"))
                .get("containers")).get(0);
        assertTrue(((List<?>) container.get("env")).contains(Map.of("name", "PGDATA", "value", "/var/lib/postgresql/data")),
                container.toString());
    }

    @Test
    void forceNeverReplacesAPersistentVolumeClaim() {
        f.cluster.put(Map.of("apiVersion", "v1", "kind", "PersistentVolumeClaim",
                "metadata", Map.of("name", "postgres-pvc", "namespace", NS),
                "spec", Map.of("accessModes", List.of("ReadWriteOnce"), "resources",
                        Map.of("requests", Map.of("storage", "5Gi")))));
        MotosException e = assertThrows(MotosException.class, () -> install(new Takeover(true, true)));
        assertTrue(e.getMessage().contains("storage would shrink from 5Gi to 1Gi"), e.getMessage());
        assertTrue(e.getMessage().contains("--force never replaces a PersistentVolumeClaim: deleting it would delete "
                + "the data it holds"), e.getMessage());
        assertEquals(List.of(), f.cluster.writes());
    }

    @Test
    void takenOverObjectsLoseTheirClientSideManagerBeforeTheApply() {
        Map<String, Object> fields = Map.of("f:spec", Map.of("f:selector", Map.of("f:app", Map.of())),
                "f:metadata", Map.of("f:labels", Map.of("f:app", Map.of())));
        Map<String, Object> kubectl = Map.of("manager", "kubectl-client-side-apply", "operation", "Update",
                "apiVersion", "v1", "fieldsType", "FieldsV1", "fieldsV1", fields);
        f.cluster.put(Map.of("apiVersion", "v1", "kind", "Service",
                "metadata", Map.of("name", "backend", "namespace", NS, "labels", Map.of("app", "backend"),
                        "managedFields", List.of(kubectl)),
                "spec", Map.of("selector", Map.of("app", "backend"), "ports", List.of(Map.of("port", 8000)))));
        install(new Takeover(true, false));
        List<String> writes = f.cluster.writes();
        int takeover = writes.indexOf("managedFields Service/" + NS + "/backend");
        assertTrue(takeover >= 0 && writes.get(takeover + 1).equals("apply Service/" + NS + "/backend"), writes.toString());
        String note = f.output.toString().lines().filter(l -> l.contains("what kubectl set that the chart does not"))
                .findFirst().orElseThrow();
        assertTrue(note.contains("metadata.labels.app") && note.contains("spec.selector.app"), note);
        assertTrue(f.output.toString().contains("changed  Service/" + NS + "/backend (taken over from kubectl apply)"),
                f.output.toString());
    }

    @Test
    void whatAFailedRevisionAppliedIsNotBlamedOnAnotherWriter() {
        install(Takeover.none());
        f.cluster.failApplyOf("Deployment", "frontend");
        assertThrows(MotosException.class, () -> new Upgrade(f.ctx).run(new Upgrade.Options(null,
                dev("backend.tag=v2", "frontend.tag=v2"), ReleaseTarget.defaults(), WaitOptions.none(), false, false,
                false, 10, Takeover.none())));
        f.cluster.clearFailures();
        f.output.getBuffer().setLength(0);
        new Upgrade(f.ctx).run(new Upgrade.Options(null, dev("frontend.tag=v3"), ReleaseTarget.defaults(),
                WaitOptions.none(), false, false, false, 10, Takeover.none()));
        assertTrue(f.output.toString().contains("changed  Deployment/" + NS + "/backend"), f.output.toString());
        assertFalse(f.output.toString().contains("reverting"), f.output.toString());
    }

    private static Change change(String kind, String name, Map<String, Object> before, Map<String, Object> after) {
        return new Change(before == null ? ChangeKind.CREATE : ChangeKind.UPDATE, new ObjectKey("v1", kind, NS, name),
                before, after, List.of());
    }

    private static Map<String, Object> workload(Map<String, String> labels, String... claims) {
        return Map.of("spec", Map.of("template", Map.of("metadata", Map.of("labels", labels), "spec",
                Map.of("volumes", Arrays.stream(claims).map(c -> Map.of("name", c, "persistentVolumeClaim",
                        Map.of("claimName", c))).toList()))));
    }

    @Test
    void aServiceLeftSelectingNoPodOfTheReleaseIsRefused() {
        Map<String, Object> pods = workload(Map.of("app.kubernetes.io/component", "frontend"));
        Map<String, Object> merged = Map.of("spec", Map.of("selector", Map.of("app", "frontend",
                "app.kubernetes.io/component", "frontend")));
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Preflight.check(List.of(change("Deployment", "frontend", pods, pods),
                change("Service", "frontend", Map.of("spec", Map.of("selector", Map.of("app", "frontend"))), merged)),
                Map.of(), false, problems, notes);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Service/" + NS + "/frontend: its selector"), problems.get(0));
        assertTrue(problems.get(0).contains("no endpoints"), problems.get(0));
    }

    @Test
    void podsLosingAPvcMountAreRefusedUnlessForced() {
        Map<String, String> labels = Map.of("a", "b");
        List<Change> changes = List.of(change("Deployment", "backend", workload(labels, "media-pvc"),
                workload(labels)));
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Preflight.check(changes, Map.of(), false, problems, notes);
        assertEquals(List.of("Deployment/" + NS + "/backend: its pods would no longer mount PersistentVolumeClaim "
                + "media-pvc; the data stays in the claim but the new pods would not see it. Keep the volume in the pod "
                + "template, or re-run with --force if that is intended."), problems);
        problems.clear();
        Preflight.check(changes, Map.of(), true, problems, notes);
        assertEquals(List.of(), problems);
        assertTrue(notes.get(0).endsWith("(--force: going ahead)"), notes.toString());
    }
}
