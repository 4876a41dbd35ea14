package dev.motospkg.e2e;

import static dev.motospkg.e2e.TestNode.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.CliRun;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's outage, made visible and fixed on a real node: the backend's tag is pointed at other
 * contents in containerd (as a rebuild under the same tag does) and one pod is deleted, so its
 * replacement starts the new contents while the other pod keeps the old: {@code status} flags the two
 * digests; {@code upgrade --restart --wait} replaces every pod and ends with one digest.
 */
@RealNode
class ImageDigestE2E {
    static final String NS = "motos-digest";

    static CliRun motospkg(TestNode node, String... args) {
        return node.motospkgIn(NS, args);
    }

    static List<Pod> backendPods(TestNode node) {
        return node.client().pods().inNamespace(NS).withLabel("app.kubernetes.io/component", "backend").list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    static Set<String> digests(List<Pod> pods) {
        return pods.stream().flatMap(p -> p.getStatus().getContainerStatuses().stream())
                .map(cs -> cs.getImageID()).filter(id -> id != null && !id.isEmpty()).collect(Collectors.toSet());
    }

    static boolean allReady(List<Pod> pods, int n) {
        return pods.size() == n && pods.stream().allMatch(p -> p.getStatus().getContainerStatuses() != null
                && p.getStatus().getContainerStatuses().stream().allMatch(cs -> Boolean.TRUE.equals(cs.getReady())));
    }

    @Test
    void aTagRebuiltUnderTheSameNameIsFlaggedAndRestartEndsWithOneDigest(TestNode node) {
        CliRun install = motospkg(node, "install", "-f", "values/values-dev.yaml", "-f", "values/values-local.yaml",
                "--set", "backend.replicas=2", "--set-string", "backend.tag=v2", "--wait", "--timeout", "240s");
        assertEquals(0, install.exitCode(), install.out() + install.err());
        Set<String> before = digests(backendPods(node));
        assertEquals(1, before.size(), "both pods run one image: " + before);
        CliRun history = motospkg(node, "history");
        String recorded = before.iterator().next();
        String shortDigest = new dev.motospkg.release.RunningImage("", "", "", recorded, 0).shortDigest();
        assertTrue(history.out().contains("backend=" + shortDigest), "the revision records what runs:\n" + history.out());
        assertFalse(motospkg(node, "status").out().contains("different images"));

        // "rebuilt under the same tag": motos-backend:v2 now names other contents on the node (v1's,
        // which start on v2's database: the backend waits only for the migrations it knows)
        String v2 = node.ctr("images", "ls", "-q").output().lines().filter(l -> l.endsWith("/motos-backend:v2"))
                .findFirst().orElseThrow();
        String v1 = v2.replace(":v2", ":v1");
        assertEquals(0, node.ctr("images", "tag", "--force", v1, v2).exit());
        Pod victim = backendPods(node).get(0);
        node.client().pods().inNamespace(NS).withName(victim.getMetadata().getName()).delete();
        eventually(Duration.ofSeconds(120), "two ready backend pods again, running two digests", () -> {
            List<Pod> pods = backendPods(node);
            return allReady(pods, 2) && digests(pods).size() == 2;
        });

        CliRun mixed = motospkg(node, "status");
        assertEquals(0, mixed.exitCode(), mixed.err());
        assertTrue(mixed.out().contains("Warning: Deployment/backend container backend runs 2 different images under"
                + " motos-backend:v2: "), mixed.out());
        assertTrue(mixed.out().contains("`motospkg upgrade --restart --wait` replaces every pod"), mixed.out());

        long t0 = System.nanoTime();
        CliRun restart = motospkg(node, "upgrade", "--restart", "--wait", "--timeout", "180s");
        long restartMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, restart.exitCode(), restart.out() + restart.err());
        assertTrue(restart.out().contains("  changed  Deployment/" + NS + "/backend\n"), restart.out());
        List<Pod> after = backendPods(node);
        assertTrue(allReady(after, 2), "--wait returned with both new pods ready: " + after.size());
        assertEquals(1, digests(after).size(), "one digest after the restart: " + digests(after));
        assertFalse(digests(after).contains(recorded), "the pods run what the tag names now");
        assertTrue(after.stream().noneMatch(p -> p.getMetadata().getName().equals(victim.getMetadata().getName())));

        CliRun status = motospkg(node, "status");
        assertFalse(status.out().contains("different images"), status.out());
        CliRun finalHistory = motospkg(node, "history");
        assertTrue(finalHistory.out().lines().anyMatch(l -> l.startsWith("2 ") && l.contains("pods restarted on purpose")
                && l.contains("backend=" + new dev.motospkg.release.RunningImage("", "", "", digests(after).iterator()
                        .next(), 0).shortDigest())), finalHistory.out());
        System.out.println("[ImageDigestE2E] upgrade --restart --wait of 3 Deployments (backend 2 replicas) took "
                + restartMs + " ms");
    }

    @AfterAll
    static void cleanUp(TestNode node) {
        // the node, its node port and its images are shared with the next E2E class: leave nothing behind
        node.removeRelease(NS);
        // motos-backend:v2 names v1's contents now: import the stand-in images again (every tag as built)
        String cache = System.getenv().getOrDefault("MOTOSPKG_CACHE_DIR", System.getenv().getOrDefault("XDG_CACHE_HOME",
                System.getProperty("user.home") + "/.cache") + "/motospkg");
        try {
            String archive = java.nio.file.Files.readString(java.nio.file.Path.of(cache, "images", "current")).strip();
            assertEquals(0, node.ctr("images", "import", archive).exit(), "the stand-in images are restored");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
