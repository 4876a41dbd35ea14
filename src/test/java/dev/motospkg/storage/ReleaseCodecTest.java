package dev.motospkg.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ReleaseCodecTest {

    private final ReleaseCodec codec = new ReleaseCodec();

    @Test
    void roundTripKeepsEveryField() {
        Release release = Releases.release("prod", "motos", 3, ReleaseStatus.PENDING_UPGRADE);
        assertEquals(release, codec.decode(codec.encode(release)));
    }

    @Test
    void theBackupsTakenBeforeARevisionRoundTripAndRecordsWithOneOrNoneLoad() throws Exception {
        Release base = Releases.release("prod", "motos", 3, ReleaseStatus.DEPLOYED);
        Release backedUp = base.withBackup(new dev.motospkg.release.Backup("backup", "motos-20261202T010000Z.dump",
                18211L, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 3))
                .withBackup(new dev.motospkg.release.Backup("backup-media", "motos-media-20261202T010001Z.tar.gz", 512L,
                        "ab", 3));
        assertEquals(backedUp, codec.decode(codec.encode(backedUp)));
        String json = new String(codec.toJson(backedUp), StandardCharsets.UTF_8);
        assertTrue(json.endsWith(",\"backups\":[{\"step\":\"backup\",\"name\":\"motos-20261202T010000Z.dump\","
                + "\"size\":18211,\"sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\","
                + "\"takenBefore\":3},{\"step\":\"backup-media\",\"name\":\"motos-media-20261202T010001Z.tar.gz\","
                + "\"size\":512,\"sha256\":\"ab\",\"takenBefore\":3}]}"), json);
        // what earlier versions wrote has no backup key: it loads, with none
        assertNull(codec.decode(codec.encode(base)).backups());
        assertTrue(!new String(codec.toJson(base), StandardCharsets.UTF_8).contains("backup"));
        // the version before wrote one database backup as "backup": it loads as the chart's backup step's
        String baseJson = new String(codec.toJson(base), StandardCharsets.UTF_8);
        String legacy = baseJson.substring(0, baseJson.length() - 1) + ",\"backup\":{\"name\":\"old.dump\","
                + "\"size\":7,\"sha256\":\"cd\",\"takenBefore\":3}}";
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(legacy.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(java.util.List.of(new dev.motospkg.release.Backup("backup", "old.dump", 7, "cd", 3)),
                codec.decode(gz.toByteArray()).backups());
    }

    @Test
    void roundTripKeepsNestedValuesWithNumbersBooleansListsAndNulls() {
        Release base = Releases.release("prod", "motos", 1, ReleaseStatus.DEPLOYED);
        Release release = new Release(base.name(), base.namespace(), 1, base.status(), base.chart(),
                Releases.richValues(), base.manifest(), base.firstDeployed(), base.lastDeployed(), null);
        Release decoded = codec.decode(codec.encode(release));
        assertEquals(release.values(), decoded.values());
        assertEquals(Long.class, decoded.values().get("replicas").getClass());
        assertEquals(Double.class, decoded.values().get("ratio").getClass());
        assertTrue(decoded.values().containsKey("nothing"));
        assertEquals(release, decoded);
    }

    @Test
    void integersOfAnyWidthComeBackAsLong() {
        Release base = Releases.release("prod", "motos", 1, ReleaseStatus.DEPLOYED);
        Release release = new Release(base.name(), base.namespace(), 1, base.status(), base.chart(),
                java.util.Map.of("small", 3), base.manifest(), base.firstDeployed(), base.lastDeployed(), null);
        assertEquals(3L, codec.decode(codec.encode(release)).values().get("small"));
    }

    @Test
    void timestampsKeepNanosecondsAndNullsStayNull() {
        Release base = Releases.release("prod", "motos", 1, ReleaseStatus.FAILED);
        Release release = new Release(base.name(), base.namespace(), 1, base.status(), base.chart(), null,
                null, base.firstDeployed(), null, null);
        Release decoded = codec.decode(codec.encode(release));
        assertEquals(Releases.T0, decoded.firstDeployed());
        assertNull(decoded.lastDeployed());
        assertNull(decoded.description());
        assertNull(decoded.values());
        assertNull(decoded.manifest());
    }

    @Test
    void encodedIsGzipOfTheDocumentedJsonLayout() throws IOException {
        Release release = Releases.release("prod", "motos", 2, ReleaseStatus.DEPLOYED);
        byte[] encoded = codec.encode(release);
        assertEquals(0x1f, encoded[0] & 0xff);
        assertEquals(0x8b, encoded[1] & 0xff);
        byte[] json;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(encoded))) {
            json = in.readAllBytes();
        }
        assertArrayEquals(codec.toJson(release), json);
        assertEquals("{\"name\":\"motos\",\"namespace\":\"prod\",\"revision\":2,\"status\":\"deployed\","
                + "\"chart\":{\"name\":\"motos\",\"version\":\"1.2.0\",\"appVersion\":\"2.4.1\","
                + "\"description\":\"The motos web app\"},"
                + "\"values\":{\"replicas\":3,\"image\":{\"tag\":\"2.4.1\"}},"
                + "\"manifest\":\"---\\nkind: ConfigMap\\n\","
                + "\"firstDeployed\":\"2025-03-01T10:00:00.123456789Z\","
                + "\"lastDeployed\":\"2025-03-01T10:02:00.123456789Z\","
                + "\"description\":\"Install complete\"}", new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void garbageIsAFailureNamingTheSource() {
        MotosException e = assertThrows(MotosException.class,
                () -> codec.decode("not gzip".getBytes(StandardCharsets.UTF_8), "Secret prod/x"));
        assertTrue(e.getMessage().startsWith("Secret prod/x cannot be read"), e.getMessage());
        assertEquals(ExitCode.FAILED, e.exitCode());
    }

    @Test
    void unknownStatusIsAFailure() {
        Release release = Releases.release("prod", "motos", 2, ReleaseStatus.DEPLOYED);
        String json = new String(codec.toJson(release), StandardCharsets.UTF_8).replace("deployed", "exploded");
        byte[] gz = gzip(json.getBytes(StandardCharsets.UTF_8));
        MotosException e = assertThrows(MotosException.class, () -> codec.decode(gz));
        assertTrue(e.getMessage().contains("exploded"), e.getMessage());
    }

    private static byte[] gzip(byte[] bytes) {
        var out = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
