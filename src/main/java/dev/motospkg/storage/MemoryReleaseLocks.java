package dev.motospkg.storage;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Locks held in this object only, for action tests. A second acquire of a held release fails as
 * {@link LeaseReleaseLocks} does; {@link #simulateHolder} and {@link #simulateStaleHolder} plant a
 * lock from "another process" to test both outcomes. Thread-safe.
 */
public final class MemoryReleaseLocks implements ReleaseLocks {

    private record Key(String namespace, String name) {
    }

    private record Holder(String identity, String operation, Instant since, boolean stale, Object token) {
    }

    private final Clock clock;
    private final String identity;
    private final Map<Key, Holder> held = new HashMap<>();
    /** What the last holder of a free lock left (see {@link Lock#leave}). */
    private final Map<Key, String> left = new HashMap<>();

    /** Holder identity "this-process": what messages name as the holder of our own locks. */
    public MemoryReleaseLocks(Clock clock) {
        this(clock, "this-process");
    }

    public MemoryReleaseLocks(Clock clock, String identity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    /** Plants a live lock held by {@code holder}: the next acquire of that release fails naming it. */
    public synchronized MemoryReleaseLocks simulateHolder(String namespace, String name, String holder,
            String operation) {
        held.put(new Key(namespace, name), new Holder(holder, operation, clock.instant(), false, new Object()));
        left.remove(new Key(namespace, name));
        return this;
    }

    /**
     * Plants a lock left by a process that is gone: the next acquire takes it over and reports
     * {@code holder + " " + operation} from {@link Lock#takenOverFrom()}.
     */
    public synchronized MemoryReleaseLocks simulateStaleHolder(String namespace, String name, String holder,
            String operation) {
        held.put(new Key(namespace, name), new Holder(holder, operation, clock.instant(), true, new Object()));
        left.remove(new Key(namespace, name));
        return this;
    }

    /** Whether anyone (us or a simulated holder) holds the lock of that release. */
    public synchronized boolean isHeld(String namespace, String name) {
        return held.containsKey(new Key(namespace, name));
    }

    @Override
    public synchronized Lock acquire(String namespace, String name, String operation) {
        Key key = new Key(Objects.requireNonNull(namespace, "namespace"), Objects.requireNonNull(name, "name"));
        Holder current = held.get(key);
        if (current != null && !current.stale()) {
            throw LockMessages.locked(name, current.identity(), current.operation(), current.since(), null);
        }
        Holder ours = new Holder(identity, operation, clock.instant(), false, new Object());
        held.put(key, ours);
        String previous = current == null ? null : current.identity() + " " + current.operation();
        java.util.Optional<String> found = java.util.Optional.ofNullable(left.remove(key)).filter(f -> current == null);
        return new Lock() {
            private java.util.Optional<String> leaving = java.util.Optional.empty();

            @Override
            public String takenOverFrom() {
                return previous;
            }

            @Override
            public java.util.Optional<String> historyLeft() {
                return found;
            }

            @Override
            public void leave(java.util.Optional<String> fingerprint) {
                leaving = fingerprint;
            }

            @Override
            public void close() {
                synchronized (MemoryReleaseLocks.this) {
                    // only our own entry: a test may have planted another holder since
                    if (held.remove(key, ours)) {
                        leaving.ifPresent(f -> left.put(key, f));
                    }
                }
            }
        };
    }
}
