package dev.motospkg.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.motospkg.release.AppliedTo;
import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The cluster a revision was applied to is stored; revisions stored before it was recorded still load. */
class ReleaseCodecAppliedToTest {
    private final ReleaseCodec codec = new ReleaseCodec();

    @Test
    void roundTripKeepsTheCluster() {
        Release base = Releases.release("prod", "motos", 2, ReleaseStatus.DEPLOYED);
        Release release = new Release(base.name(), base.namespace(), 2, base.status(), base.chart(), base.values(),
                base.manifest(), base.firstDeployed(), base.lastDeployed(), base.description(),
                new AppliedTo("8c1f-uid", "context prod, server https://10.0.0.1:6443"),
                java.util.List.of(new dev.motospkg.release.RunningImage("Deployment/backend", "backend", "motos-backend:v1",
                        "docker.io/library/motos-backend@sha256:0123456789abcdef", 2)), base.lastDeployed(), null);
        assertEquals(release, codec.decode(codec.encode(release)));
        assertEquals(release.appliedTo(), codec.decode(codec.encode(release)).withStatus(ReleaseStatus.SUPERSEDED,
                "x", base.lastDeployed()).appliedTo(), "a status change keeps it");
    }

    @Test
    void aRevisionStoredBeforeIssue11Loads() throws IOException {
        String json = "{\"name\":\"motos\",\"namespace\":\"prod\",\"revision\":1,\"status\":\"deployed\","
                + "\"chart\":{\"name\":\"motos\",\"version\":\"0.1.0\",\"appVersion\":\"v1\",\"description\":\"d\"},"
                + "\"values\":{},\"manifest\":\"---\\n\",\"firstDeployed\":\"2026-11-25T12:00:00Z\","
                + "\"lastDeployed\":\"2026-11-25T12:00:00Z\",\"description\":\"Install complete\"}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(json.getBytes(StandardCharsets.UTF_8));
        }
        Release old = codec.decode(out.toByteArray());
        assertEquals("Install complete", old.description());
        assertNull(old.appliedTo());
    }
}
