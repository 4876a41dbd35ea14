package dev.motospkg.e2e;

import static dev.motospkg.e2e.TestNode.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.CliRun;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chart's migrate step on a real node, with real PostgreSQL: v2's migration (a new table) runs
 * as a Job before any v2 backend pod exists; v3's migration fails, and the upgrade stops at the
 * step with its log while v2 keeps serving and no v3 backend pod is ever created.
 */
@RealNode
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StepsE2E {
    static final String NS = "motos-steps";

    static CliRun motospkg(TestNode node, String... args) {
        return node.motospkgIn(NS, args);
    }

    static List<String> sql(TestNode node, String query) {
        return node.sql(NS, query);
    }

    static String health(TestNode node) {
        TestNode.Http r = node.get("/api/health");
        assertEquals(200, r.status(), r.body());
        return r.body();
    }

    static Job migrateJob(TestNode node) {
        return node.client().batch().v1().jobs().inNamespace(NS).withName("migrate").get();
    }

    static List<String> backendImagesEverScheduled(TestNode node) {
        // every backend pod comes from a ReplicaSet of the Deployment: no ReplicaSet, no pod
        return node.client().apps().replicaSets().inNamespace(NS).withLabel("app.kubernetes.io/component", "backend")
                .list().getItems().stream().map(ReplicaSet::getSpec)
                .map(s -> s.getTemplate().getSpec().getContainers().get(0).getImage()).toList();
    }

    @Test
    @Order(1)
    void installRunsTheMigrateStepBeforeTheBackend(TestNode node) {
        CliRun run = motospkg(node, "install", "-f", "values/values-dev.yaml", "-f", "values/values-local.yaml",
                "--wait", "--timeout", "240s");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        String out = run.out();
        assertTrue(out.indexOf("Deployment/postgres: ready") < out.indexOf("step migrate: done")
                && out.indexOf("step migrate: done") < out.indexOf("created  Deployment/" + NS + "/backend"), out);
        assertEquals("motos-backend:v1", migrateJob(node).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage());
        assertEquals(List.of("0001_initial"), sql(node, "SELECT name FROM django_migrations WHERE app = 'visits'"
                + " ORDER BY id"));
        assertTrue(health(node).contains("\"version\": \"v1\""), health(node));
    }

    @Test
    @Order(2)
    void upgradeToV2MigratesBeforeAnyV2PodExists(TestNode node) {
        CliRun run = motospkg(node, "upgrade", "--set", "backend.tag=v2", "--wait", "--timeout", "180s");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().indexOf("step migrate: done") < run.out().indexOf("changed  Deployment/" + NS + "/backend"),
                run.out());

        Job job = migrateJob(node);
        assertEquals("motos-backend:v2", job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        Instant migrated = Instant.parse(job.getStatus().getCompletionTime());
        List<Pod> v2 = node.client().pods().inNamespace(NS).withLabel("app.kubernetes.io/component", "backend").list()
                .getItems().stream().filter(p -> p.getSpec().getContainers().get(0).getImage().equals("motos-backend:v2"))
                .toList();
        assertFalse(v2.isEmpty(), "a v2 backend pod runs");
        for (Pod p : v2) {
            assertFalse(Instant.parse(p.getMetadata().getCreationTimestamp()).isBefore(migrated),
                    "pod " + p.getMetadata().getName() + " created at " + p.getMetadata().getCreationTimestamp()
                            + ", before the migration completed at " + migrated);
        }
        assertEquals(List.of("visits_upload"), sql(node, "SELECT tablename FROM pg_tables WHERE tablename = 'visits_upload'"),
                "v2's migration created its table");
        assertEquals(List.of("0001_initial", "0002_upload"), sql(node,
                "SELECT name FROM django_migrations WHERE app = 'visits' ORDER BY id"));
        assertTrue(health(node).contains("\"version\": \"v2\""), health(node));
    }

    @Test
    @Order(3)
    void theNewBackendImageWasBackedUpFirstAndBackupsListsTheFileAsItIsOnTheVolume(TestNode node) throws Exception {
        CliRun backups = motospkg(node, "backups", "-o", "json");
        assertEquals(0, backups.exitCode(), backups.err());
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("\"name\": \"(motos-\\d{8}T\\d{6}Z\\.dump)\"")
                .matcher(backups.out());
        assertTrue(named.find(), backups.out());
        Path file = node.backupFile(NS, named.group(1));
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(new String(bytes, 0, 5, StandardCharsets.US_ASCII).equals("PGDMP"), "pg_dump custom format");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertTrue(backups.out().contains("\"size\": " + bytes.length), "size matches the file: " + backups.out());
        assertTrue(backups.out().contains("\"sha256\": \"" + sha + "\""), "sha256 matches the file: " + backups.out());
        assertTrue(backups.out().contains("\"takenBefore\": 2"), backups.out());
        // taken before v2's migration: the dump's table of contents (plain text) has 0001's table, not 0002's
        String toc = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(toc.contains("visits_visit") && !toc.contains("visits_upload"), "the database as it was before");
        System.out.println("[E2E] StepsE2E: backup " + file + " " + bytes.length + " bytes, sha256 " + sha);
    }

    @Test
    @Order(4)
    void aFailingMigrationStopsTheUpgradeAtTheStepAndV2KeepsServing(TestNode node) {
        long start = System.nanoTime();
        CliRun run = motospkg(node, "upgrade", "--set", "backend.tag=v3", "--wait", "--timeout", "120s");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(1, run.exitCode(), run.out() + run.err());
        String err = run.err();
        assertTrue(err.startsWith("Error: step migrate failed (Job migrate, pre-upgrade): stopped after "), err);
        assertTrue(err.contains("the job failed"), "says the Job failed:\n" + err);
        assertTrue(err.contains("last log lines of pod migrate-"), err);
        assertTrue(err.contains("RuntimeError: 0003_broken fails on purpose"), "the migration's own error:\n" + err);
        assertTrue(err.contains("not applied: Deployment/backend"), err);
        assertTrue(err.contains("Hint: `kubectl logs job/migrate -n " + NS + "`"), err);
        assertTrue(took.toSeconds() < 100, "a failed Job ends the wait before the 120s timeout: " + took);

        assertEquals(List.of("motos-backend:v1", "motos-backend:v2"), backendImagesEverScheduled(node).stream()
                .sorted().toList(), "no v3 backend ReplicaSet, so no v3 backend pod, ever");
        assertTrue(health(node).contains("\"version\": \"v2\""), "v2 keeps serving: " + health(node));
        assertEquals(List.of("0001_initial", "0002_upload"), sql(node,
                "SELECT name FROM django_migrations WHERE app = 'visits' ORDER BY id"), "the failed migration left nothing");

        CliRun history = motospkg(node, "history");
        assertEquals(0, history.exitCode(), history.err());
        assertTrue(history.out().matches("(?s).*\\n\\s*3\\s.*failed.*step migrate failed.*"), history.out());
        assertTrue(history.out().matches("(?s).*\\n\\s*2\\s.*deployed.*"), "revision 2 still deployed:\n" + history.out());
        CliRun status = motospkg(node, "status");
        assertTrue(status.out().contains("Job/" + NS + "/migrate (step)"), status.out());
    }

    @Test
    @Order(5)
    void uninstallRemovesTheStepJobAndItsPods(TestNode node) {
        CliRun run = motospkg(node, "uninstall", "--delete-data");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("deleted  Job/" + NS + "/migrate"), run.out());
        eventually(Duration.ofSeconds(90), "no pod of the release is left (the Job's too)",
                () -> node.client().pods().inNamespace(NS).list().getItems().isEmpty());
    }

    @AfterAll
    static void cleanUp(TestNode node) {
        node.removeRelease(NS);
    }
}
