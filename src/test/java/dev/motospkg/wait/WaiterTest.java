package dev.motospkg.wait;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.MotosException;
import dev.motospkg.kube.Cluster;
import dev.motospkg.kube.ObjectKey;
import dev.motospkg.testing.TestClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Waiter against a scripted cluster; the sleeper moves a fake clock, so no real time passes. */
class WaiterTest {

    private static final ObjectKey DEPLOYMENT = new ObjectKey("apps/v1", "Deployment", "app", "backend");
    private static final ObjectKey SERVICE = new ObjectKey("v1", "Service", "app", "backend");
    private static final ObjectKey PVC = new ObjectKey("v1", "PersistentVolumeClaim", "app", "data");

    private final TestClock clock = new TestClock(Instant.parse("2024-05-01T10:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };
    private final StringWriter out = new StringWriter();
    private final FakeCluster cluster = new FakeCluster(clock);

    private Waiter waiter() {
        return new Waiter(cluster, clock, sleeper, new PrintWriter(out));
    }

    @Test
    void printsOneLinePerStateChangeAndSucceeds() {
        // available after 12 s; the service is ready at once
        cluster.script(DEPLOYMENT, second -> deployment(second >= 12 ? 1 : 0));
        cluster.script(SERVICE, second -> service());

        WaitResult result = waiter().waitFor(List.of(DEPLOYMENT, SERVICE), Duration.ofMinutes(5));

        assertTrue(result.allReady());
        assertEquals(List.of(), result.notReady());
        assertEquals(Duration.ofSeconds(12), result.elapsed());
        assertEquals("""
                  Deployment/backend: 0/1 available (waiting)
                  Service/backend: ready (0s)
                  Deployment/backend: ready (12s)
                """, out.toString());
        assertEquals(12, sleeps.size(), "polls every second");
        assertTrue(sleeps.stream().allMatch(Duration.ofSeconds(1)::equals));
        assertEquals(1, cluster.gets.get(SERVICE), "a ready object is not asked again");
        assertEquals(List.of(Map.of("app", "backend")), cluster.podSelectors.subList(0, 1), "pods by matchLabels");
    }

    @Test
    void timesOutListingWhatIsNotReadyAndWhy() {
        cluster.script(DEPLOYMENT, second -> deployment(0));
        cluster.script(PVC, second -> Map.of("apiVersion", "v1", "kind", "PersistentVolumeClaim",
                "metadata", Map.of("name", "data"), "status", Map.of("phase", "Pending")));
        cluster.pods = List.of(Map.of("kind", "Pod", "metadata", Map.of("name", "backend-1"), "status",
                Map.of("containerStatuses", List.of(Map.of("name", "app", "state",
                        Map.of("waiting", Map.of("reason", "ImagePullBackOff", "message", "Back-off pulling image")))))));

        WaitResult result = waiter().waitFor(List.of(DEPLOYMENT, PVC), Duration.ofMillis(2500));

        assertFalse(result.allReady());
        assertEquals(Duration.ofMillis(2500), result.elapsed());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500)), sleeps,
                "the last sleep ends at the deadline");
        assertEquals("""
                  Deployment/backend: 0/1 available (waiting)
                  PersistentVolumeClaim/data: Pending (waiting)
                """, out.toString(), "no repeated lines while nothing changes");
        assertEquals(List.of(DEPLOYMENT, PVC), result.notReady().stream().map(WaitResult.NotReady::key).toList());

        MotosException failure = result.toFailure();
        assertEquals("""
                timed out after 2s: 2 objects not ready
                  Deployment/backend: 0/1 available
                    - rollout in progress: 0 of 1 updated replicas available
                    - Available=False MinimumReplicasUnavailable: Deployment does not have minimum availability.
                    - pod backend-1 container app: ImagePullBackOff: Back-off pulling image
                  PersistentVolumeClaim/data: Pending
                    - no controller/provisioner has bound it yet (storageClassName: cluster default;\
                 is there a provisioner for it, or a matching PersistentVolume?)""", failure.getMessage());
        assertEquals("`kubectl describe deployment backend -n app` and `kubectl get events` tell more;"
                + " if it is only slow, raise --timeout", failure.hint());
    }

    private static MotosException refused() {
        return MotosException.temporary("cannot reach the Kubernetes API server (fake): connection refused", "start it");
    }

    @Test
    void ridesOutAnApiServerOutageWithinItsTimeout() {
        cluster.script(DEPLOYMENT, second -> {
            if (second >= 1 && second < 4) {
                throw refused();
            }
            return deployment(second >= 4 ? 1 : 0);
        });

        WaitResult result = waiter().waitFor(List.of(DEPLOYMENT), Duration.ofSeconds(30));

        assertTrue(result.allReady());
        assertEquals("""
                  Deployment/backend: 0/1 available (waiting)
                  cannot reach the Kubernetes API server (fake): connection refused; still waiting
                  the API server answers again
                  Deployment/backend: ready (4s)
                """, out.toString(), "one line when it goes away, one when it is back");
    }

    @Test
    void anOutageLongerThanTheTimeoutFailsWithTheReasonTheServerGave() {
        cluster.script(DEPLOYMENT, second -> {
            if (second >= 1) {
                throw refused();
            }
            return deployment(0);
        });

        MotosException e = assertThrows(MotosException.class,
                () -> waiter().waitFor(List.of(DEPLOYMENT), Duration.ofSeconds(3)));
        assertEquals("cannot reach the Kubernetes API server (fake): connection refused", e.getMessage());
        assertEquals(Duration.ofSeconds(3), sleeps.stream().reduce(Duration.ZERO, Duration::plus), "waited until the deadline");
    }

    @Test
    void anErrorThatDoesNotPassFailsAtOnce() {
        cluster.script(DEPLOYMENT, second -> {
            throw MotosException.failed("forbidden: cannot get deployments", "ask for RBAC");
        });

        MotosException e = assertThrows(MotosException.class,
                () -> waiter().waitFor(List.of(DEPLOYMENT), Duration.ofSeconds(30)));
        assertEquals("forbidden: cannot get deployments", e.getMessage());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void missingObjectIsNotReadyUntilItAppears() {
        cluster.script(SERVICE, second -> second < 2 ? null : service());

        WaitResult result = waiter().waitFor(List.of(SERVICE), Duration.ofSeconds(10));

        assertTrue(result.allReady());
        assertEquals("""
                  Service/backend: not found (waiting)
                  Service/backend: ready (2s)
                """, out.toString());
    }

    @Test
    void aRolledOutDeploymentIsReadyOnlyOnceItsOldPodHasStopped() {
        cluster.script(DEPLOYMENT, second -> deployment(1));
        // the listed pods include the terminating one: it is deleted, but still runs for 3 s
        Map<String, Object> old = Map.of("kind", "Pod", "metadata", Map.of("name", "backend-5d8f7c9b4-x2k9q",
                "labels", Map.of("app", "backend", "pod-template-hash", "5d8f7c9b4"),
                "ownerReferences", List.of(Map.of("kind", "ReplicaSet", "name", "backend-5d8f7c9b4")),
                "deletionTimestamp", "2024-05-01T10:00:00Z", "deletionGracePeriodSeconds", 30L),
                "status", Map.of("phase", "Running"));
        cluster.podsAt = second -> second < 3 ? List.of(old) : List.of();

        WaitResult result = waiter().waitFor(List.of(DEPLOYMENT), Duration.ofMinutes(5));

        assertTrue(result.allReady());
        assertEquals("""
                  Deployment/backend: 1/1 available, 1 terminating (waiting)
                  Deployment/backend: ready (3s)
                """, out.toString());
    }

    @Test
    void zeroTimeoutChecksOnceWithoutSleeping() {
        cluster.script(DEPLOYMENT, second -> deployment(0));

        WaitResult result = waiter().waitFor(List.of(DEPLOYMENT), Duration.ZERO);

        assertFalse(result.allReady());
        assertEquals(List.of(), sleeps);
        assertEquals(1, cluster.gets.get(DEPLOYMENT));
    }

    // ---- fakes

    private static Map<String, Object> deployment(int available) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("observedGeneration", 1L);
        status.put("replicas", 1L);
        status.put("updatedReplicas", 1L);
        status.put("readyReplicas", (long) available);
        status.put("availableReplicas", (long) available);
        if (available == 0) {
            status.put("conditions", List.of(Map.of("type", "Available", "status", "False",
                    "reason", "MinimumReplicasUnavailable", "message", "Deployment does not have minimum availability.")));
        }
        return Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "backend", "namespace", "app", "generation", 1L),
                "spec", Map.of("replicas", 1L, "selector", Map.of("matchLabels", Map.of("app", "backend"))),
                "status", status);
    }

    private static Map<String, Object> service() {
        return Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "backend"),
                "spec", Map.of("type", "ClusterIP", "clusterIP", "10.0.0.7"));
    }

    @Test
    void aFailedJobEndsTheWaitAtOnceSayingItStoppedNotTimedOut() {
        ObjectKey job = new ObjectKey("batch/v1", "Job", "app", "migrate");
        cluster.script(job, second -> Map.of("apiVersion", "batch/v1", "kind", "Job", "metadata", Map.of("name", "migrate"),
                "spec", Map.of("selector", Map.of("matchLabels", Map.of("controller-uid", "u1"))),
                "status", second < 3 ? Map.of("active", 1) : Map.of("failed", 1, "conditions", List.of(Map.of(
                        "type", "Failed", "status", "True", "reason", "BackoffLimitExceeded",
                        "message", "Job has reached the specified backoff limit")))));

        WaitResult result = waiter().waitFor(List.of(job), Duration.ofMinutes(5));

        assertFalse(result.allReady());
        assertEquals(Duration.ofSeconds(3), result.elapsed(), "no waiting on for the timeout");
        assertEquals("  Job/migrate: 0/1 complete (waiting)\n  Job/migrate: failed (3s)\n", out.toString());
        MotosException e = result.toFailure();
        assertEquals("""
                stopped after 3s: 1 object not ready
                  Job/migrate: failed
                    - the job failed BackoffLimitExceeded: Job has reached the specified backoff limit""", e.getMessage());
        assertFalse(e.hint().contains("--timeout"), e.hint());
    }

    /** Answers get() from a script of "seconds since start -> object (null: absent)". */
    private static final class FakeCluster implements Cluster {
        private final TestClock clock;
        private final Instant start;
        private final Map<ObjectKey, IntFunction<Map<String, Object>>> scripts = new HashMap<>();
        final Map<ObjectKey, Integer> gets = new HashMap<>();
        final List<Map<String, String>> podSelectors = new ArrayList<>();
        List<Map<String, Object>> pods = List.of();
        /** The pods by seconds since start; by default the fixed list above. */
        IntFunction<List<Map<String, Object>>> podsAt = second -> pods;

        FakeCluster(TestClock clock) {
            this.clock = clock;
            this.start = clock.instant();
        }

        void script(ObjectKey key, IntFunction<Map<String, Object>> script) {
            scripts.put(key, script);
        }

        @Override
        public Optional<Map<String, Object>> get(ObjectKey key) {
            gets.merge(key, 1, Integer::sum);
            return Optional.ofNullable(scripts.get(key).apply(second()));
        }

        private int second() {
            return (int) Duration.between(start, clock.instant()).getSeconds();
        }

        @Override
        public List<Map<String, Object>> list(String apiVersion, String kind, String namespace, Map<String, String> labels) {
            assertEquals("Pod", kind);
            assertEquals("app", namespace);
            podSelectors.add(labels);
            return podsAt.apply(second());
        }

        @Override
        public String describe() {
            return "fake";
        }

        @Override
        public Map<String, Object> apply(Map<String, Object> body, boolean dryRun) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(ObjectKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isNamespaced(String apiVersion, String kind) {
            return true;
        }
    }
}
