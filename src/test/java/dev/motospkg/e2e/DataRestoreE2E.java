package dev.motospkg.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Rollback that knows about data, on a real node with real PostgreSQL: v4's migration drops the
 * visits' note column (data gone); the backups taken before it (pg_dump and a tar of the media
 * volume) are listed with the sizes and checksums of the files on the volume; a plain rollback to
 * v1 is refused with the reason first and changes nothing; {@code rollback --restore-data} brings
 * the rows and the media file back, and v1 serves them.
 */
@RealNode
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataRestoreE2E {
    static final String NS = "motos-restore";
    static final String MEDIA = "photo.txt";

    static CliRun motospkg(TestNode node, String... args) {
        return node.motospkgIn(NS, args);
    }

    static List<String> migrations(TestNode node) {
        return node.sql(NS, "SELECT name FROM django_migrations WHERE app = 'visits' ORDER BY id");
    }

    static List<String> noteColumn(TestNode node) {
        return node.sql(NS, "SELECT column_name FROM information_schema.columns WHERE table_name = 'visits_visit'"
                + " AND column_name = 'note'");
    }

    @Test
    @Order(1)
    void aDestructiveMigrationRunsAfterTheDatabaseAndMediaWereBackedUp(TestNode node) {
        CliRun install = motospkg(node, "install", "-f", "values/values-dev.yaml", "-f", "values/values-local.yaml",
                "--wait", "--timeout", "240s");
        assertEquals(0, install.exitCode(), install.out() + install.err());
        for (String note : List.of("written-before-v4-1", "written-before-v4-2")) {
            TestNode.Http visit = node.http("POST", "/api/visits", note);
            assertEquals(200, visit.status(), visit.body());
        }
        assertEquals(201, node.http("PUT", "/api/media/" + MEDIA, "the original file").status());

        CliRun upgrade = motospkg(node, "upgrade", "--set", "backend.tag=v4", "--wait", "--timeout", "240s");
        assertEquals(0, upgrade.exitCode(), upgrade.out() + upgrade.err());
        String out = upgrade.out();
        assertTrue(out.indexOf("step backup: done") < out.indexOf("step migrate: done")
                && out.indexOf("step backup-media: done") < out.indexOf("step migrate: done"), out);
        assertEquals(List.of("0001_initial", "0002_upload", "0003_drop_note"), migrations(node));
        assertEquals(List.of(), noteColumn(node), "v4's migration dropped the column, and its data with it");
        TestNode.Http visits = node.get("/api/visits");
        assertTrue(visits.body().contains("\"version\": \"v4\"") && !visits.body().contains("written-before-v4"),
                visits.body());

        // written after the backup: a restore replaces these
        assertEquals(200, node.http("POST", "/api/visits", "").status());
        assertEquals(201, node.http("PUT", "/api/media/" + MEDIA, "changed under v4").status());
    }

    @Test
    @Order(2)
    void backupsListsEveryFileWithTheSizeAndChecksumOfWhatIsOnTheVolume(TestNode node) throws Exception {
        CliRun now = motospkg(node, "backup");
        assertEquals(0, now.exitCode(), now.out() + now.err());
        assertTrue(now.out().contains("Backed up release motos: motos-"), now.out());

        CliRun backups = motospkg(node, "backups", "-o", "json");
        assertEquals(0, backups.exitCode(), backups.err());
        Matcher m = Pattern.compile("\"name\": \"([^\"]+)\",\\s*\"step\": \"([^\"]+)\",\\s*\"size\": (\\d+),\\s*"
                + "\"sha256\": \"([0-9a-f]+)\",\\s*\"takenBefore\": (\\d+|\"-\"),\\s*\"onDemandAt\": (\\d+|\"-\")")
                .matcher(backups.out());
        List<String> found = new ArrayList<>();
        while (m.find()) {
            Path file = node.backupFile(NS, m.group(1));
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(Long.parseLong(m.group(3)), bytes.length, "size of " + file);
            assertEquals(m.group(4), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                    "sha256 of " + file);
            found.add(m.group(2) + " " + m.group(5) + " " + m.group(6));
            System.out.println("[E2E] DataRestoreE2E: backup " + file + " " + bytes.length + " bytes");
        }
        // before revision 2 (the v4 upgrade), then on demand at revision 2
        assertEquals(List.of("backup 2 \"-\"", "backup-media 2 \"-\"", "backup \"-\" 2", "backup-media \"-\" 2"), found,
                backups.out());
    }

    @Test
    @Order(3)
    void aPlainRollbackToOlderCodeIsRefusedWithTheReasonFirstAndChangesNothing(TestNode node) {
        CliRun rollback = motospkg(node, "rollback", "motos", "1", "--wait", "--timeout", "120s");
        assertEquals(1, rollback.exitCode(), rollback.out() + rollback.err());
        String err = rollback.err();
        assertTrue(err.startsWith("Error: rollback refused before changing anything: the database is ahead of"
                + " revision 1's code (motos-backend:v1): it has migrations visits.0002_upload, visits.0003_drop_note"
                + " applied"), err);
        assertTrue(err.contains("Hint: `motospkg rollback motos 1 --restore-data` puts back the backups taken before"
                + " revision 2"), err);
        assertTrue(err.contains("`--keep-data`"), err);
        CliRun history = motospkg(node, "history", "-o", "json");
        assertFalse(history.out().contains("\"revision\": 3"), "no revision recorded:\n" + history.out());
        assertTrue(node.get("/api/visits").body().contains("\"version\": \"v4\""), "v4 still serves");
        assertEquals(List.of("0001_initial", "0002_upload", "0003_drop_note"), migrations(node));
    }

    @Test
    @Order(4)
    void rollbackRestoreDataBringsTheRowsAndTheMediaFileBack(TestNode node) {
        CliRun rollback = motospkg(node, "rollback", "motos", "1", "--restore-data", "--wait", "--timeout", "240s");
        assertEquals(0, rollback.exitCode(), rollback.out() + rollback.err());
        String out = rollback.out();
        assertTrue(out.contains("stopping Deployment/" + NS + "/backend (scaled to 0)"), out);
        assertTrue(out.indexOf("restoring the backups taken before revision 2") < out.indexOf("step migrate: done"), out);
        assertTrue(out.matches("(?s).*\n    restored database motos from motos-\\d{8}T\\d{6}Z\\.dump; the database as it"
                + " was is kept as motos_before_restore_\\d{8}T\\d{6}Z\n.*"), "says where the old data is: " + out);

        node.assertDataServed(Duration.ofSeconds(60), "written-before-v4-2", MEDIA, "the original file");
        TestNode.Http visits = node.get("/api/visits");
        assertTrue(visits.body().contains("\"version\": \"v1\""), visits.body());
        assertTrue(visits.body().contains("\"visits\": 2,"), "the rows as they were before v4: " + visits.body());
        assertEquals(List.of("0001_initial"), migrations(node));
        assertEquals(List.of("note"), noteColumn(node));
        assertEquals(1, node.sql(NS, "SELECT datname FROM pg_database WHERE datname LIKE 'motos_before_restore_%'")
                .size(), "the database as it was before the restore is kept");

        CliRun history = motospkg(node, "history");
        assertTrue(history.out().contains("Rollback to 1 (data restored from the backups taken before revision 2)"),
                history.out());
    }

    @AfterAll
    static void cleanUp(TestNode node) {
        node.removeRelease(NS);
    }
}
