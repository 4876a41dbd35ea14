package dev.motospkg.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.MotosException;
import dev.motospkg.testing.RealCluster;
import dev.motospkg.testing.TestCluster;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@RealCluster
class LeaseReleaseLocksIT {

    private final Clock clock = Clock.systemUTC();
    private final String host = LeaseReleaseLocks.localHostname();
    private final long pid = ProcessHandle.current().pid();

    @Test
    void secondAcquireIsRefusedNamingTheHolder(TestCluster cluster) {
        String ns = cluster.namespace();
        LeaseReleaseLocks locks = new LeaseReleaseLocks(cluster.client(), clock);
        long start = System.nanoTime();
        try (ReleaseLocks.Lock lock = locks.acquire(ns, "motos", "upgrade")) {
            long acquireMs = (System.nanoTime() - start) / 1_000_000;
            assertNull(lock.takenOverFrom());
            Lease lease = lease(cluster, "motos");
            assertEquals(host + "/pid-" + pid + " upgrade", lease.getSpec().getHolderIdentity());
            assertEquals(30, lease.getSpec().getLeaseDurationSeconds());
            assertEquals("upgrade", lease.getMetadata().getAnnotations().get("motospkg.dev/operation"));
            assertNotNull(lease.getMetadata().getAnnotations().get("motospkg.dev/started"));
            assertNotNull(lease.getSpec().getRenewTime());

            long refuseStart = System.nanoTime();
            MotosException e = assertThrows(MotosException.class, () -> locks.acquire(ns, "motos", "rollback"));
            long refuseMs = (System.nanoTime() - refuseStart) / 1_000_000;
            assertTrue(e.getMessage().startsWith("release motos is locked by " + host + "/pid-" + pid
                    + " (upgrade) since "), e.getMessage());
            assertTrue(e.hint().startsWith("wait for it to finish; if that process is gone, the lock expires at "),
                    e.hint());
            System.out.printf("[LeaseReleaseLocksIT] acquire %d ms, refusal %d ms: %s / %s%n", acquireMs, refuseMs,
                    e.getMessage(), e.hint());

            // another release in the same namespace is independent
            locks.acquire(ns, "api", "install").close();
        }
    }

    @Test
    void closeDeletesTheLeaseAndTheNextAcquireSucceeds(TestCluster cluster) {
        String ns = cluster.namespace();
        LeaseReleaseLocks locks = new LeaseReleaseLocks(cluster.client(), clock);
        ReleaseLocks.Lock lock = locks.acquire(ns, "motos", "install");
        assertNotNull(lease(cluster, "motos"));
        long start = System.nanoTime();
        lock.close();
        System.out.printf("[LeaseReleaseLocksIT] close %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertNull(lease(cluster, "motos"));
        lock.close(); // idempotent
        try (ReleaseLocks.Lock again = locks.acquire(ns, "motos", "upgrade")) {
            assertNull(again.takenOverFrom());
        }
    }

    @Test
    void aLeaseFreedWithAHistoryIsTakenInOneRequestAndHandsItOn(TestCluster cluster) {
        String ns = cluster.namespace();
        LeaseReleaseLocks locks = new LeaseReleaseLocks(cluster.client(), clock);
        ReleaseLocks.Lock first = locks.acquire(ns, "motos", "install");
        first.leave(java.util.Optional.of("abc123"));
        first.close();
        Lease freed = lease(cluster, "motos");
        assertNotNull(freed, "freed, not deleted");
        assertEquals("", freed.getSpec().getHolderIdentity());
        assertEquals("abc123", freed.getMetadata().getAnnotations().get("motospkg.dev/history"));

        try (ReleaseLocks.Lock second = locks.acquire(ns, "motos", "upgrade", true)) {
            assertEquals(java.util.Optional.of("abc123"), second.historyLeft());
            assertNull(second.takenOverFrom());
            // held now: nobody else gets it, by either way of acquiring
            LeaseReleaseLocks other = new LeaseReleaseLocks(cluster.client(), clock, Duration.ofSeconds(30), "elsewhere", 7);
            MotosException e = assertThrows(MotosException.class, () -> other.acquire(ns, "motos", "upgrade", true));
            assertTrue(e.getMessage().contains("is locked by " + locks.processIdentity()), e.getMessage());
            assertThrows(MotosException.class, () -> other.acquire(ns, "motos", "upgrade"));
        }
        // closed without leaving a history: deleted as before
        assertNull(lease(cluster, "motos"));
        try (ReleaseLocks.Lock third = locks.acquire(ns, "motos", "upgrade", true)) {
            assertEquals(java.util.Optional.empty(), third.historyLeft(), "a new lease proves nothing");
        }
    }

    @Test
    void racingAcquiresLetExactlyOneWin(TestCluster cluster) throws Exception {
        String ns = cluster.namespace();
        int threads = 8;
        for (int round = 0; round < 3; round++) {
            String release = "race-" + round;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<ReleaseLocks.Lock>> attempts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                // each thread plays its own process on its own host, so liveness checks do not interfere
                LeaseReleaseLocks locks = new LeaseReleaseLocks(cluster.client(), clock, Duration.ofSeconds(30),
                        "racer-" + i, 1000 + i);
                attempts.add(pool.submit(() -> {
                    go.await();
                    return locks.acquire(ns, release, "upgrade");
                }));
            }
            go.countDown();
            List<ReleaseLocks.Lock> won = new ArrayList<>();
            int refused = 0;
            for (Future<ReleaseLocks.Lock> attempt : attempts) {
                try {
                    won.add(attempt.get(60, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof MotosException, String.valueOf(e.getCause()));
                    assertTrue(e.getCause().getMessage().contains("is locked by racer-"), e.getCause().getMessage());
                    refused++;
                }
            }
            pool.shutdown();
            assertEquals(1, won.size(), "round " + round);
            assertEquals(threads - 1, refused);
            won.forEach(ReleaseLocks.Lock::close);
        }
    }

    @Test
    void leaseOfADeadProcessOnThisHostIsTakenOver(TestCluster cluster) throws Exception {
        String ns = cluster.namespace();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(30, TimeUnit.SECONDS);
        long deadPid = gone.pid();
        String holder = host + "/pid-" + deadPid + " upgrade";
        // fresh renewTime: only the dead pid makes it stale
        writeLease(cluster, "motos", holder, Instant.now(), 30);

        try (ReleaseLocks.Lock lock = new LeaseReleaseLocks(cluster.client(), clock).acquire(ns, "motos", "rollback")) {
            assertEquals(holder, lock.takenOverFrom());
            Lease lease = lease(cluster, "motos");
            assertEquals(host + "/pid-" + pid + " rollback", lease.getSpec().getHolderIdentity());
            assertEquals(1, lease.getSpec().getLeaseTransitions());
            assertEquals("rollback", lease.getMetadata().getAnnotations().get("motospkg.dev/operation"));
        }
        assertNull(lease(cluster, "motos"), "close deletes a taken-over lease too");
    }

    @Test
    void expiredLeaseOfAForeignHostIsTakenOver(TestCluster cluster) {
        String ns = cluster.namespace();
        writeLease(cluster, "motos", "ci-runner-7/pid-4242 install", Instant.now().minusSeconds(120), 30);
        try (ReleaseLocks.Lock lock = new LeaseReleaseLocks(cluster.client(), clock).acquire(ns, "motos", "upgrade")) {
            assertEquals("ci-runner-7/pid-4242 install", lock.takenOverFrom());
        }
    }

    @Test
    void freshLeaseOfAForeignHostIsRefused(TestCluster cluster) {
        String ns = cluster.namespace();
        writeLease(cluster, "motos", "ci-runner-7/pid-4242 upgrade", Instant.now(), 30);
        MotosException e = assertThrows(MotosException.class,
                () -> new LeaseReleaseLocks(cluster.client(), clock).acquire(ns, "motos", "upgrade"));
        assertTrue(e.getMessage().startsWith("release motos is locked by ci-runner-7/pid-4242 (upgrade) since "),
                e.getMessage());
        assertEquals("ci-runner-7/pid-4242 upgrade", lease(cluster, "motos").getSpec().getHolderIdentity(),
                "left alone");
    }

    @Test
    void leaseIsRenewedWhileHeld(TestCluster cluster) throws Exception {
        String ns = cluster.namespace();
        LeaseReleaseLocks locks = new LeaseReleaseLocks(cluster.client(), clock, Duration.ofSeconds(3));
        try (ReleaseLocks.Lock lock = locks.acquire(ns, "motos", "upgrade")) {
            Instant acquired = lease(cluster, "motos").getSpec().getRenewTime().toInstant();
            Thread.sleep(4_000); // past the 3 s duration: only renewal keeps it fresh
            Instant renewed = lease(cluster, "motos").getSpec().getRenewTime().toInstant();
            assertTrue(renewed.isAfter(acquired.plusMillis(1500)), acquired + " -> " + renewed);
            assertThrows(MotosException.class, () -> new LeaseReleaseLocks(cluster.client(), clock,
                    Duration.ofSeconds(3), "elsewhere", 1).acquire(ns, "motos", "upgrade"));
        }
    }

    /** The real lock and a clock that jumps, as after a stall: no renewal tick has run, held() must still say no. */
    @Test
    void heldIsFalseOnceTheLeaseRanOutEvenBeforeARenewalTick(TestCluster cluster) {
        String ns = cluster.namespace();
        Instant start = Instant.now();
        Instant[] now = {start};
        Clock stalling = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        try (ReleaseLocks.Lock lock = new LeaseReleaseLocks(cluster.client(), stalling, Duration.ofSeconds(30))
                .acquire(ns, "motos", "upgrade")) {
            assertTrue(lock.held());
            now[0] = start.plusSeconds(29);
            assertTrue(lock.held(), "within the lease's 30 s");
            now[0] = start.plusSeconds(31);
            assertFalse(lock.held(), "31 s after the last renewal the lease is anyone's");
        }
    }

    @Test
    void closeLeavesALeaseSomeoneElseTookOver(TestCluster cluster) {
        String ns = cluster.namespace();
        ReleaseLocks.Lock lock = new LeaseReleaseLocks(cluster.client(), clock).acquire(ns, "motos", "upgrade");
        // we stalled, the lease expired, another command took it over
        Lease taken = new LeaseBuilder(lease(cluster, "motos"))
                .editMetadata().addToAnnotations("motospkg.dev/token", "theirs").endMetadata()
                .editSpec().withHolderIdentity("other/pid-1 upgrade").endSpec().build();
        cluster.client().leases().inNamespace(ns).resource(taken).update();
        lock.close();
        assertEquals("other/pid-1 upgrade", lease(cluster, "motos").getSpec().getHolderIdentity());
    }

    @Test
    void missingNamespaceIsCreatedForTheLease(TestCluster cluster) {
        KubernetesClient client = cluster.client();
        String ns = "lease-it-" + Long.toHexString(System.nanoTime());
        try {
            try (ReleaseLocks.Lock lock = new LeaseReleaseLocks(client, clock).acquire(ns, "motos", "install")) {
                Namespace created = client.namespaces().withName(ns).get();
                assertNotNull(created);
                // a bare apply owns no fields, so the server records no managedFields entry: the
                // release's own apply of this Namespace later takes over nothing from the lock
                assertEquals(List.of(), created.getMetadata().getManagedFields());
                assertNotNull(client.leases().inNamespace(ns).withName("motospkg.lock.motos").get());
            }
        } finally {
            client.namespaces().withName(ns).delete();
        }
    }

    private static Lease lease(TestCluster cluster, String release) {
        return cluster.client().leases().inNamespace(cluster.namespace())
                .withName(LeaseReleaseLocks.leaseName(release)).get();
    }

    /** A Lease as another process would have left it. */
    private static void writeLease(TestCluster cluster, String release, String holder, Instant renewed, int seconds) {
        cluster.client().leases().inNamespace(cluster.namespace()).resource(new LeaseBuilder()
                .withNewMetadata().withName(LeaseReleaseLocks.leaseName(release))
                .addToAnnotations("motospkg.dev/operation", holder.substring(holder.indexOf(' ') + 1))
                .addToAnnotations("motospkg.dev/started", renewed.minusSeconds(5).toString())
                .endMetadata()
                .withNewSpec().withHolderIdentity(holder)
                .withAcquireTime(renewed.minusSeconds(5).atZone(ZoneOffset.UTC))
                .withRenewTime(renewed.atZone(ZoneOffset.UTC))
                .withLeaseDurationSeconds(seconds).withLeaseTransitions(0)
                .endSpec().build()).create();
    }
}
