package dev.motospkg.storage;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Lease we hold: renewed every third of its duration on a daemon thread (so a hung command never
 * keeps the JVM alive), deleted on close if it is still ours.
 */
final class HeldLease implements ReleaseLocks.Lock {

    private final Resource<Lease> resource;
    private final Clock clock;
    private final String token;
    private final String takenOverFrom;
    private final ScheduledExecutorService renewer;
    private final Duration duration;
    private final boolean createdNamespace;
    private volatile boolean lost;
    /** When the lease was last written with us as holder: it is ours until then plus its duration. */
    private volatile Instant renewedAt;
    /** The version we last wrote: close deletes exactly that one, without reading it first. */
    private volatile String resourceVersion;
    private boolean closed;
    private final String historyLeft;
    /** The same lease, with an item: patched without a read first. */
    private final Resource<Lease> patchable;
    /** What close records for the next holder; null: close deletes the lease instead. */
    private volatile String leaving;

    /**
     * @param renewedAt the renewTime the lease was written with
     * @param historyLeft the history fingerprint the previous holder left in the free lease we took, or null
     */
    HeldLease(Resource<Lease> resource, Resource<Lease> patchable, Clock clock, String token, String takenOverFrom, Duration duration,
            String resourceVersion, Instant renewedAt, boolean createdNamespace, String historyLeft) {
        this.createdNamespace = createdNamespace;
        this.historyLeft = historyLeft;
        this.patchable = patchable;
        this.resource = resource;
        this.duration = duration;
        this.renewedAt = renewedAt;
        this.resourceVersion = resourceVersion;
        this.clock = clock;
        this.token = token;
        this.takenOverFrom = takenOverFrom;
        this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "motospkg-lease-renewal");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, duration.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean createdNamespace() {
        return createdNamespace;
    }

    @Override
    public String takenOverFrom() {
        return takenOverFrom;
    }

    @Override
    public java.util.Optional<String> historyLeft() {
        return java.util.Optional.ofNullable(historyLeft);
    }

    @Override
    public void leave(java.util.Optional<String> fingerprint) {
        leaving = fingerprint.orElse(null);
    }

    /**
     * False once someone else holds it, and also once the lease has run out since our last renewal:
     * a process resuming from a stall asks before the renewal tick that would find the takeover.
     */
    @Override
    public boolean held() {
        return !lost && clock.instant().isBefore(renewedAt.plus(duration));
    }

    private void renew() {
        try {
            Lease current = resource.get();
            if (!LeaseReleaseLocks.isOurs(current, token)) {
                lost = true;
                renewer.shutdown();
                return;
            }
            Instant now = clock.instant();
            current.getSpec().setRenewTime(now.atZone(ZoneOffset.UTC));
            Lease renewed = resource.lockResourceVersion(current.getMetadata().getResourceVersion()).replace(current);
            resourceVersion = renewed.getMetadata().getResourceVersion();
            renewedAt = now;
        } catch (RuntimeException e) {
            // any failure, not only the client's: an escaping exception would cancel all later renewals;
            // a missed one is retried at the next tick, and the lease lasts three ticks
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        renewer.shutdownNow();
        try {
            // a renewal in flight must not land after the delete's read
            renewer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (!lost && leaving != null) {
                // Freed, not deleted, with the history we leave: the next command takes it in one
                // request and, finding the history it read, need not read it again. The token test
                // makes it a no-op (422) when someone took the lease over.
                String token = LeaseReleaseLocks.pointer(LeaseReleaseLocks.ANNOTATION_TOKEN);
                patchable.patch(PatchContext.of(PatchType.JSON), io.fabric8.kubernetes.client.utils.Serialization
                        .asJson(java.util.List.of(
                                java.util.Map.of("op", "test", "path", "/metadata/annotations/" + token, "value", this.token),
                                java.util.Map.of("op", "add", "path", "/spec/holderIdentity", "value", ""),
                                java.util.Map.of("op", "add", "path", "/metadata/annotations/"
                                        + LeaseReleaseLocks.pointer(LeaseReleaseLocks.ANNOTATION_HISTORY), "value", leaving))));
            } else if (!lost && resourceVersion != null) {
                // A precondition on our last version: if anyone changed the lease since (a takeover),
                // the server refuses (409) and their lease stays.
                resource.lockResourceVersion(resourceVersion).delete();
            } else {
                Lease current = resource.get();
                if (LeaseReleaseLocks.isOurs(current, token)) {
                    resource.lockResourceVersion(current.getMetadata().getResourceVersion()).delete();
                }
            }
        } catch (KubernetesClientException e) {
            // not fatal: an unrenewed lease expires after its duration and the next command takes over
        }
    }
}
