package dev.motospkg.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.MotosException;
import dev.motospkg.release.Release;
import dev.motospkg.testing.ActionFixture;
import dev.motospkg.values.SetArg;
import dev.motospkg.values.SetMode;
import dev.motospkg.values.ValuesRequest;
import dev.motospkg.yaml.Trees;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rollback and the database on the fake cluster: the schema check refuses older code, --restore-data
 * stops the backend and restores the right backups before the rollback, --keep-data skips the check,
 * --no-backup skips the backups, and the backup steps are told which files the history keeps.
 */
class RollbackDataTest {
    private static final String NS = "motos-app";
    private static final String DUMP = "motos-20261125T120000Z.dump";
    private static final String MEDIA = "motos-media-20261125T120001Z.tar.gz";
    private final ActionFixture f = ActionFixture.inProject();

    private static ValuesRequest dev(String... sets) {
        return new ValuesRequest(List.of(Path.of("values/values-dev.yaml")),
                java.util.Arrays.stream(sets).map(s -> new SetArg(SetMode.SET, s)).toList());
    }

    private void install() {
        new Install(f.ctx).run(new Install.Options(null, dev(), ReleaseTarget.defaults(), WaitOptions.none(), false, 10,
                Takeover.none()));
    }

    private Release upgrade(DataOptions data, int historyMax, String... sets) {
        return new Upgrade(f.ctx).run(new Upgrade.Options(null, dev(sets), ReleaseTarget.defaults(), WaitOptions.none(),
                false, false, false, historyMax, Takeover.none(), false, data));
    }

    private Release rollback(DataOptions.OnRollback choice) {
        return new Rollback(f.ctx).run(new Rollback.Options(new ReleaseRef("motos", NS), 1, WaitOptions.none(), 10,
                new DataOptions(true, choice)));
    }

    private String backendImage() {
        return String.valueOf(Trees.at(f.cluster.find("Deployment", NS, "backend").orElseThrow(),
                List.of("spec", "template", "spec", "containers", 0, "image")));
    }

    private Object env(String job, String name) {
        return Trees.mapList(Trees.at(f.cluster.find("Job", NS, job).orElseThrow(),
                List.of("spec", "template", "spec", "containers", 0, "env"))).stream()
                .filter(e -> name.equals(e.get("name"))).map(e -> e.get("value")).findFirst().orElse(null);
    }

    private List<String> writesSince(int from) {
        return f.cluster.writes().subList(from, f.cluster.writes().size());
    }

    @Test
    void aRollbackToCodeThatDoesNotKnowTheDatabasesMigrationsIsRefusedAndChangesNothing() {
        install();
        upgrade(DataOptions.defaults(), 10, "backend.tag=v2");
        f.schemaAhead("visits.0002_upload,visits.0003_drop_note");
        int writes = f.cluster.writes().size();
        MotosException e = assertThrows(MotosException.class, () -> rollback(DataOptions.OnRollback.REFUSE_IF_AHEAD));
        assertEquals("rollback refused before changing anything: the database is ahead of revision 1's code"
                + " (motos-backend:v1): it has migrations visits.0002_upload, visits.0003_drop_note applied, which that"
                + " code does not know, so its pods would run on a schema they were not written for", e.getMessage());
        assertEquals("`motospkg rollback motos 1 --restore-data` puts back the backups taken before revision 2 ("
                + DUMP + ", " + MEDIA + "), replacing what was written since, then rolls back. `--keep-data` rolls"
                + " back the objects only and leaves the database ahead (safe only if that code works with these"
                + " migrations, e.g. they only add tables).", e.hint());
        // the check ran the old image as a Job and removed it (delete-always): nothing else was written
        assertEquals(List.of("delete Job/motos-app/schema-check", "apply Job/motos-app/schema-check",
                "delete Job/motos-app/schema-check"), writesSince(writes));
        assertTrue(f.output.toString().contains("Checking the database before rolling back to revision 1:\n"),
                f.output.toString());
        assertEquals(2, f.store.history(NS, "motos").size(), "no revision recorded");
        assertEquals("motos-backend:v2", backendImage());
    }

    @Test
    void restoreDataStopsTheBackendRestoresTheBackupsOfTheRevisionThatMovedItForwardThenRollsBack() {
        install();
        upgrade(DataOptions.defaults(), 10, "backend.tag=v2");
        f.schemaAhead("visits.0002_upload");
        int writes = f.cluster.writes().size();
        Release r = rollback(DataOptions.OnRollback.RESTORE);
        assertEquals("Rollback to 1 (data restored from the backups taken before revision 2)", r.description());
        List<String> w = writesSince(writes);
        int stop = w.indexOf("patch Deployment/motos-app/backend");
        int restore = w.indexOf("apply Job/motos-app/restore");
        int migrate = w.indexOf("apply Job/motos-app/migrate");
        int backend = w.lastIndexOf("apply Deployment/motos-app/backend");
        // the database as it is now is backed up first, then nothing writes while the backups go back
        assertTrue(w.indexOf("apply Job/motos-app/backup") < stop && stop < restore && restore < migrate
                && migrate < backend, w.toString());
        assertEquals(DUMP + ":9f86d081884c7d65 " + MEDIA + ":ab12", env("restore", "MOTOSPKG_BACKUPS"),
                "the restore step gets the files and their recorded checksums");
        assertEquals("motos-backend:v1", backendImage());
        assertTrue(f.output.toString().contains("  stopping Deployment/motos-app/backend (scaled to 0) so that nothing"
                + " writes while the data is restored\n  restoring the backups taken before revision 2: " + DUMP
                + " (backup, 2048 bytes), " + MEDIA + " (backup-media, 512 bytes)\n"), f.output.toString());
    }

    @Test
    void keepDataRollsBackTheObjectsWithoutLookingAtTheDatabase() {
        install();
        upgrade(DataOptions.defaults(), 10, "backend.tag=v2");
        f.schemaAhead("visits.0002_upload");
        int writes = f.cluster.writes().size();
        rollback(DataOptions.OnRollback.KEEP);
        assertFalse(writesSince(writes).contains("apply Job/motos-app/schema-check"), writesSince(writes).toString());
        assertFalse(writesSince(writes).contains("apply Job/motos-app/restore"), writesSince(writes).toString());
        assertTrue(f.output.toString().contains("  step schema-check skipped: --keep-data (the database stays as it"
                + " is)\n"), f.output.toString());
        assertEquals("motos-backend:v1", backendImage());
    }

    @Test
    void withoutABackupRestoreDataSaysSoBeforeChangingAnything() {
        install();
        upgrade(DataOptions.defaults().withoutBackups(), 10, "backend.tag=v2");
        assertTrue(f.output.toString().contains("  step backup skipped: --no-backup (this upgrade risks data:"
                + " Deployment/backend changes image to motos-backend:v2)\n"), f.output.toString());
        int writes = f.cluster.writes().size();
        MotosException e = assertThrows(MotosException.class, () -> rollback(DataOptions.OnRollback.RESTORE));
        assertTrue(e.getMessage().startsWith("rollback --restore-data refused before changing anything: no backup was"
                + " taken before any revision after 1"), e.getMessage());
        assertEquals(List.of(), writesSince(writes));
    }

    @Test
    void backupStepsAreToldWhichFilesTheLimitedHistoryStillRecords() {
        install();
        upgrade(DataOptions.defaults(), 0, "backend.tag=v2");
        assertEquals(null, env("backup", "MOTOSPKG_KEEP_BACKUPS"), "no limit: nothing is deleted");
        upgrade(DataOptions.defaults(), 2, "backend.tag=v3");
        assertEquals(DUMP + " " + MEDIA, env("backup", "MOTOSPKG_KEEP_BACKUPS"));
        assertEquals(DUMP + " " + MEDIA, env("backup-media", "MOTOSPKG_KEEP_BACKUPS"));
        Map<String, Object> migrate = f.cluster.find("Job", NS, "migrate").orElseThrow();
        assertFalse(String.valueOf(migrate).contains("MOTOSPKG_KEEP_BACKUPS"), "only backup steps get it");
    }

    @Test
    void aBackupOnDemandIsRecordedInTheDeployedRevisionAndARollbackToItRestoresIt() {
        install();
        List<dev.motospkg.release.Backup> taken = new TakeBackup(f.ctx).run(new TakeBackup.Options(
                new ReleaseRef("motos", NS), java.time.Duration.ofMinutes(1)));
        assertEquals(List.of(new dev.motospkg.release.Backup("backup", DUMP, 2048, "9f86d081884c7d65", 1, true),
                new dev.motospkg.release.Backup("backup-media", MEDIA, 512, "ab12", 1, true)), taken);
        assertEquals(taken, f.store.history(NS, "motos").get(0).backups(), "recorded in revision 1");
        assertTrue(f.output.toString().contains("  step backup (Job, on demand): running Job/backup\n"),
                f.output.toString());

        upgrade(DataOptions.defaults().withoutBackups(), 10, "backend.tag=v2");
        f.schemaAhead("visits.0002_upload");
        Release r = rollback(DataOptions.OnRollback.RESTORE);
        assertEquals("Rollback to 1 (data restored from the backups taken on demand at revision 1)", r.description());
        assertEquals(DUMP + ":9f86d081884c7d65 " + MEDIA + ":ab12", env("restore", "MOTOSPKG_BACKUPS"));
    }

    @Test
    void theBackupCommandSaysWhatItWrote() {
        install();
        var run = f.ok("backup", "-n", NS);
        assertTrue(run.out().endsWith("Backed up release motos: " + DUMP + " (2048 bytes), " + MEDIA + " (512 bytes);"
                + " `motospkg backups motos -n motos-app` lists them.\n"), run.out());
        var list = f.ok("backups", "-n", NS);
        assertTrue(list.out().contains("ON DEMAND AT"), list.out());
    }

    @Test
    void restoreDataWithAtomicIsRefusedBecauseUndoingItWouldMigrateTheRestoredDataAgain() {
        install();
        var run = f.cli("rollback", "motos", "1", "--restore-data", "--atomic", "-n", NS);
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().startsWith("Error: --atomic cannot undo --restore-data: rolling back to the current"
                + " revision would run its newer migrations on the restored data again\n"), run.err());
    }

    @Test
    void turningBackupsOffDeletesTheJobsOfTheStepsThatAreGoneButKeepsTheirVolume() {
        install();
        upgrade(DataOptions.defaults(), 10, "backend.tag=v2");
        assertTrue(f.cluster.find("Job", NS, "backup").isPresent());
        upgrade(DataOptions.defaults(), 10, "backup.enabled=false");
        assertFalse(f.cluster.find("Job", NS, "backup").isPresent());
        assertFalse(f.cluster.find("Job", NS, "backup-media").isPresent());
        assertTrue(f.cluster.find("PersistentVolumeClaim", NS, "backup-pvc").isPresent(), "the backups stay");
        assertTrue(f.output.toString().contains("  deleted  Job/motos-app/backup (Job of a step the chart no longer"
                + " declares)\n"), f.output.toString());
    }
}
