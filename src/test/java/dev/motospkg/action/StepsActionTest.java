package dev.motospkg.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.MotosException;
import dev.motospkg.release.Backup;
import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import dev.motospkg.testing.ActionFixture;
import dev.motospkg.values.SetArg;
import dev.motospkg.values.SetMode;
import dev.motospkg.values.ValuesRequest;
import dev.motospkg.yaml.Trees;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart's migrate step on the in-memory store and fake cluster: order, failure, re-runs. */
class StepsActionTest {
    private static final String NS = "motos-app";
    private final ActionFixture f = ActionFixture.inProject();

    private static ValuesRequest dev(String... sets) {
        return new ValuesRequest(List.of(Path.of("values/values-dev.yaml")),
                java.util.Arrays.stream(sets).map(s -> new SetArg(SetMode.SET, s)).toList());
    }

    private Release install() {
        return new Install(f.ctx).run(new Install.Options(null, dev(), ReleaseTarget.defaults(), WaitOptions.none(),
                false, 10, Takeover.none()));
    }

    private Release upgrade(boolean dryRun, String... sets) {
        return new Upgrade(f.ctx).run(new Upgrade.Options(null, dev(sets), ReleaseTarget.defaults(), WaitOptions.none(),
                false, false, dryRun, 10, Takeover.none()));
    }

    private String image(String kind, String name) {
        Map<String, Object> d = f.cluster.find(kind, NS, name).orElseThrow();
        return String.valueOf(Trees.at(d, List.of("spec", "template", "spec", "containers", 0, "image")));
    }

    private int indexOf(List<String> writes, String write) {
        int i = writes.indexOf(write);
        assertTrue(i >= 0, write + " in " + writes);
        return i;
    }

    @Test
    void installRunsMigrateAfterPostgresIsReadyAndBeforeTheBackend() {
        install();
        List<String> writes = f.cluster.writes();
        int postgres = indexOf(writes, "apply Deployment/motos-app/postgres");
        int secret = indexOf(writes, "apply Secret/motos-app/postgres-credentials");
        int job = indexOf(writes, "apply Job/motos-app/migrate");
        int backend = indexOf(writes, "apply Deployment/motos-app/backend");
        int frontend = indexOf(writes, "apply Deployment/motos-app/frontend");
        assertTrue(secret < job && postgres < job && job < backend && job < frontend, writes.toString());
        // waited for postgres (even without --wait), then for the Job: nothing else was waited for
        assertEquals(List.of(List.of("Deployment/postgres", "Service/postgres"), List.of("Job/migrate")), f.waits);
        assertEquals("motos-backend:v1", image("Job", "migrate"), "the Job runs the revision's backend image");
        Map<String, Object> env = Trees.mapList(Trees.at(f.cluster.find("Job", NS, "migrate").orElseThrow(),
                List.of("spec", "template", "spec", "containers", 0, "env"))).get(4);
        assertEquals(Map.of("name", "DB_PASSWORD", "valueFrom", Map.of("secretKeyRef",
                Map.of("name", "postgres-credentials", "key", "password"))), env, "the password by reference only");
    }

    @Test
    void eachUpgradeDeletesTheLastJobAndCreatesItAgainWithTheNewImage() {
        install();
        String firstUid = String.valueOf(Trees.at(f.cluster.find("Job", NS, "migrate").orElseThrow(),
                List.of("metadata", "uid")));
        upgrade(false, "backend.tag=v2");
        Map<String, Object> job = f.cluster.find("Job", NS, "migrate").orElseThrow();
        assertFalse(firstUid.equals(String.valueOf(Trees.at(job, List.of("metadata", "uid")))), "a new Job");
        assertEquals("motos-backend:v2", image("Job", "migrate"));
        assertTrue(f.output.toString().contains("  step migrate (Job, pre-upgrade, after Deployment/postgres,"
                + " Service/postgres are ready): running Job/migrate\n  step migrate: done\n"), f.output.toString());
    }

    @Test
    void aFailedStepStopsTheUpgradeBeforeTheBackendNamesItWithItsLogAndRecordsTheRevisionFailed() {
        install();
        f.cluster.put(Map.of("apiVersion", "v1", "kind", "Pod", "metadata", Map.of("name", "migrate-x7k2p",
                "namespace", NS, "labels", Map.of("job-name", "migrate")),
                "spec", Map.of("containers", List.of(Map.of("name", "migrate")))));
        f.cluster.log("migrate-x7k2p", "migrate", "Operations to perform:\n  Apply all migrations: visits\n"
                + "Running migrations:\n  Applying visits.0003_broken...\nRuntimeError: 0003_broken fails on purpose");
        f.failingWaits.put("Job/migrate", MotosException.failed("stopped after 4s: 1 object not ready\n"
                + "  Job/migrate: failed\n    - the job failed BackoffLimitExceeded: Job has reached the specified"
                + " backoff limit", "kubectl describe job migrate"));
        int writes = f.cluster.writes().size();

        MotosException e = assertThrows(MotosException.class, () -> upgrade(false, "backend.tag=v3"));
        assertEquals("""
                step migrate failed (Job migrate, pre-upgrade): stopped after 4s: 1 object not ready
                    Job/migrate: failed
                      - the job failed BackoffLimitExceeded: Job has reached the specified backoff limit
                  last log lines of pod migrate-x7k2p (container migrate):
                    Operations to perform:
                      Apply all migrations: visits
                    Running migrations:
                      Applying visits.0003_broken...
                    RuntimeError: 0003_broken fails on purpose
                The change stopped at this step; not applied: Deployment/backend (what ran before keeps running).""",
                e.getMessage());
        assertEquals("`kubectl logs job/migrate -n motos-app` shows its whole log; fix the cause, then run the"
                + " command again: the step runs again.", e.hint());
        assertEquals(List.of("delete Job/motos-app/backup", "apply Job/motos-app/backup",
                "delete Job/motos-app/backup-media", "apply Job/motos-app/backup-media",
                "delete Job/motos-app/migrate", "apply Job/motos-app/migrate"),
                f.cluster.writes().subList(writes, f.cluster.writes().size()), "nothing after the step was written");
        assertEquals("motos-backend:v1", image("Deployment", "backend"), "the previous backend keeps serving");
        List<Release> history = f.store.history(NS, "motos");
        assertEquals(List.of(ReleaseStatus.DEPLOYED, ReleaseStatus.FAILED), history.stream().map(Release::status).toList());
        assertEquals("upgrade failed: step migrate failed (Job migrate, pre-upgrade): stopped after 4s: 1 object not"
                + " ready", history.get(1).description());
        assertEquals(List.of(new Backup("backup", "motos-20261125T120000Z.dump", 2048, "9f86d081884c7d65", 2),
                new Backup("backup-media", "motos-media-20261125T120001Z.tar.gz", 512, "ab12", 2)),
                history.get(1).backups(),
                "the backup taken before the failed step is recorded in the failed revision");

        // fixed: the next upgrade runs the step again and rolls the backend out
        f.failingWaits.clear();
        Release fixed = upgrade(false, "backend.tag=v2");
        assertEquals(ReleaseStatus.DEPLOYED, fixed.status());
        assertEquals("motos-backend:v2", image("Deployment", "backend"));
    }

    @Test
    void aNewBackendImageIsRiskyTheBackupRunsFirstAgainstTheLivePostgresAndIsRecorded() {
        install();
        int writes = f.cluster.writes().size();
        Release r2 = upgrade(false, "backend.tag=v2", "postgres.tag=16");
        List<String> w = f.cluster.writes().subList(writes, f.cluster.writes().size());
        // postgres changes image after the backup: the dump is of the database as it was
        assertTrue(indexOf(w, "apply Job/motos-app/backup") < indexOf(w, "apply Deployment/motos-app/postgres")
                && indexOf(w, "apply Deployment/motos-app/postgres") < indexOf(w, "apply Job/motos-app/migrate"), w.toString());
        assertEquals(List.of(new Backup("backup", "motos-20261125T120000Z.dump", 2048, "9f86d081884c7d65", 2),
                new Backup("backup-media", "motos-media-20261125T120001Z.tar.gz", 512, "ab12", 2)), r2.backups());
        assertEquals(r2.backups(), f.store.history(NS, "motos").get(1).backups(), "stored with the revision");
        assertTrue(f.output.toString().contains("  risky: Deployment/postgres changes image to postgres:16;"
                + " Deployment/backend changes image to motos-backend:v2\n"), f.output.toString());
        assertTrue(f.output.toString().contains("  step backup: done (backup motos-20261125T120000Z.dump, 2048 bytes,"
                + " sha256 9f86d081884c7d65)\n"), f.output.toString());
        assertTrue(f.cluster.find("PersistentVolumeClaim", NS, "backup-pvc").isPresent());
    }

    @Test
    void aChangeThatRisksNoDataTakesNoBackup() {
        install();
        Release r2 = upgrade(false, "frontend.replicas=2");
        assertEquals(null, r2.backups());
        assertTrue(f.output.toString().contains("  step backup skipped: it runs only before a risky change, and this"
                + " upgrade changes no PVC and no image of a workload that mounts one\n"), f.output.toString());
    }

    @Test
    void aBackupStepThatDoesNotSayWhatItWroteStopsTheUpgrade() {
        install();
        f.cluster.log("backup-fake", "backup", "pg_dump: error: connection refused");
        MotosException e = assertThrows(MotosException.class, () -> upgrade(false, "backend.tag=v2"));
        assertEquals("step backup completed but its log does not say which backup it wrote (no line `motospkg-backup"
                + " name=... size=... sha256=...`); the change stopped here", e.getMessage());
        assertEquals("motos-backend:v1", image("Deployment", "backend"));
    }

    @Test
    void dryRunListsTheStepsThatWouldRunAndWritesNothing() {
        install();
        int writes = f.cluster.writes().size();
        f.output.getBuffer().setLength(0);
        upgrade(true, "backend.tag=v2");
        String out = f.output.toString();
        assertTrue(out.startsWith("Dry run: would upgrade release motos in namespace motos-app (11 objects, 3 steps);"
                + " nothing was changed. `motospkg diff upgrade` compares with the cluster.\n"
                + "Steps this upgrade would run (each Job deleted and created again, then waited for; a failure stops"
                + " the upgrade there):\n"
                + "  backup (Job, pre-upgrade, weight -10, once Deployment/postgres, Service/postgres are ready as they run now,"
                + " only before a risky change): before the other objects\n"
                + "  backup-media (Job, pre-upgrade, weight -9, only before a risky change): before the other objects\n"
                + "  migrate (Job, pre-upgrade, after Deployment/postgres, Service/postgres are ready): before the other"
                + " objects\n"), out);
        assertEquals(writes, f.cluster.writes().size());
    }

    @Test
    void aNoOpUpgradeRunsNoStep() {
        install();
        int writes = f.cluster.writes().size();
        Release same = upgrade(false);
        assertEquals(1, same.revision(), f.output.toString());
        assertEquals(writes, f.cluster.writes().size(), "nothing written, no Job run");
    }

    @Test
    void aFailedPostgresWaitStopsBeforeTheStep() {
        f.failingWaits.put("Deployment/postgres", MotosException.failed("timed out after 5m: 1 object not ready",
                null));
        MotosException e = assertThrows(MotosException.class, this::install);
        assertEquals("timed out after 5m: 1 object not ready", e.getMessage());
        assertTrue(f.cluster.find("Job", NS, "migrate").isEmpty(), "the step never ran");
        assertTrue(f.cluster.find("Deployment", NS, "backend").isEmpty(), "the backend was never created");
        assertEquals(ReleaseStatus.FAILED, f.store.history(NS, "motos").get(0).status());
    }
}
