package dev.motospkg.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.release.Release;
import dev.motospkg.release.RunningImage;
import dev.motospkg.testing.ActionFixture;
import dev.motospkg.testing.CliRun;
import dev.motospkg.yaml.Trees;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which image really runs, on the fake cluster (pods written by the test, as the kubelet would report
 * them): status lists digests and flags two under one tag; --wait records them; --restart stamps the
 * pod templates, is recorded, and is carried so the next upgrade does not restart again. The real
 * rollout is proven in the E2E (ImageDigestE2E).
 */
class RunningImagesTest {
    private static final String NS = "motos-app";
    private final ActionFixture f = ActionFixture.inProject();

    private CliRun ok(String... args) {
        CliRun run = f.cli(args);
        assertEquals(0, run.exitCode(), run.out() + run.err());
        return run;
    }

    private void pod(String name, String app, String image, String imageId) {
        Map<String, Object> labels = new LinkedHashMap<>();
        Map<String, Object> backend = f.cluster.find("Deployment", NS, app).orElseThrow();
        ((Map<?, ?>) Trees.at(backend, List.of("spec", "selector", "matchLabels")))
                .forEach((k, v) -> labels.put(String.valueOf(k), v));
        f.cluster.apply(new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "Pod",
                "metadata", new LinkedHashMap<>(Map.of("name", name, "namespace", NS, "labels", labels)),
                "status", Map.of("containerStatuses", List.of(Map.of("name", app, "image", image, "imageID", imageId))))),
                false);
    }

    private Release latest() {
        return f.store.history(NS, "motos").stream().reduce((a, b) -> b.revision() > a.revision() ? b : a).orElseThrow();
    }

    @Test
    void statusFlagsTwoDigestsUnderOneTag() {
        ok("install", "-f", "values/values-dev.yaml");
        pod("backend-a", "backend", "motos-backend:v1", "docker.io/library/motos-backend@sha256:aaaaaaaaaaaa1111");
        pod("backend-b", "backend", "motos-backend:v1", "docker.io/library/motos-backend@sha256:bbbbbbbbbbbb2222");
        String out = ok("status").out();
        assertTrue(out.contains("Images the pods run (their imageID):\n"), out);
        assertTrue(out.contains("Deployment/backend   backend     motos-backend:v1   sha256:aaaaaaaaaaaa   1\n"), out);
        assertTrue(out.contains("Warning: Deployment/backend container backend runs 2 different images under"
                + " motos-backend:v1: sha256:aaaaaaaaaaaa (1 pod), sha256:bbbbbbbbbbbb (1 pod). The tag was rebuilt and"
                + " only some pods started since; `motospkg upgrade --restart --wait` replaces every pod, so all run"
                + " what the tag names now.\n"), out);
        String json = ok("status", "-o", "json").out();
        assertTrue(json.contains("\"imageID\": \"docker.io/library/motos-backend@sha256:bbbbbbbbbbbb2222\""), json);
        assertTrue(json.contains("\"mixedImages\": ["), json);
    }

    @Test
    void oneDigestIsNotFlagged() {
        ok("install", "-f", "values/values-dev.yaml");
        pod("backend-a", "backend", "motos-backend:v1", "sha256:aaaaaaaaaaaa1111");
        pod("backend-b", "backend", "motos-backend:v1", "sha256:aaaaaaaaaaaa1111");
        String out = ok("status").out();
        assertTrue(out.contains("sha256:aaaaaaaaaaaa   2\n"), out);
        assertFalse(out.contains("Warning"), out);
    }

    @Test
    void waitRecordsTheDigestsAndHistoryShowsThem() {
        ok("install", "-f", "values/values-dev.yaml");
        assertNull(latest().images(), "no --wait: nothing was looked at, nothing recorded");
        pod("backend-a", "backend", "motos-backend:v2", "sha256:cccccccccccc3333");
        ok("upgrade", "--set", "backend.tag=v2", "--wait");
        assertEquals(List.of(new RunningImage("Deployment/backend", "backend", "motos-backend:v2", "sha256:cccccccccccc3333",
                1)), latest().images());
        String history = ok("history").out();
        assertTrue(history.lines().anyMatch(l -> l.startsWith("2 ") && l.endsWith("backend=sha256:cccccccccccc")), history);
        assertTrue(history.lines().anyMatch(l -> l.startsWith("1 ") && l.endsWith(" -")), history);
    }

    @Test
    void restartStampsThePodTemplatesAndIsCarriedByLaterRevisions() {
        ok("install", "-f", "values/values-dev.yaml");
        f.clock.advance(Duration.ofMinutes(5));
        String same = ok("upgrade").out();
        assertTrue(same.contains("is up to date"), "without --restart nothing changed: " + same);
        assertTrue(same.contains("  If an image was rebuilt under the same tag (motos-backend:v1, motos-frontend:v1,"
                + " postgres:16.4), nothing rolled out: nodes that have the tag keep the old contents"
                + " (imagePullPolicy IfNotPresent). `motospkg upgrade --restart --wait` replaces the pods;"), same);

        CliRun preview = f.cli("diff", "upgrade", "--restart", "--exit-code");
        assertEquals(3, preview.exitCode(), "diff previews the restart: " + preview.out());
        assertTrue(preview.out().contains(Restarts.ANNOTATION), preview.out());
        String restart = ok("upgrade", "--restart").out();
        assertTrue(restart.contains("  changed  Deployment/motos-app/backend\n"), restart);
        assertTrue(restart.contains("  changed  Deployment/motos-app/frontend\n"), restart);
        assertTrue(restart.contains("  changed  Deployment/motos-app/postgres\n"), restart);
        Release r2 = latest();
        assertEquals(2, r2.revision());
        assertEquals(f.clock.instant(), r2.restartedAt());
        assertEquals("Upgrade complete (pods restarted on purpose)", r2.description());
        assertEquals(f.clock.instant().toString(), Trees.at(f.cluster.find("Deployment", NS, "backend").orElseThrow(),
                List.of("spec", "template", "metadata", "annotations", Restarts.ANNOTATION)));
        assertTrue(ok("history").out().contains("Upgrade complete (pods restarted on purpose)"));

        // the stamp stays: an upgrade that changes only the backend leaves the other pods alone
        f.clock.advance(Duration.ofMinutes(5));
        String next = ok("upgrade", "--set", "backend.tag=v2").out();
        assertTrue(next.contains("  changed  Deployment/motos-app/backend\n"), next);
        assertFalse(next.contains("Deployment/motos-app/frontend"), next);
        assertEquals(r2.restartedAt(), latest().restartedAt());
        assertTrue(ok("upgrade", "--set", "backend.tag=v2").out().contains("is up to date"));
    }
}
