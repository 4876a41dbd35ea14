package dev.motospkg.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import dev.motospkg.storage.ReleaseLocks;
import dev.motospkg.storage.ReleaseStore;
import dev.motospkg.testing.ActionFixture;
import dev.motospkg.values.SetArg;
import dev.motospkg.values.SetMode;
import dev.motospkg.values.ValuesRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The history is read once per change when the lock proves nobody changed it since (its last holder
 * left exactly the history read before locking), and again under the lock whenever it cannot.
 */
class HistoryProofTest {
    private static final String NS = "motos-app";

    /** Counts history reads. */
    record CountingStore(ReleaseStore delegate, AtomicInteger reads) implements ReleaseStore {
        @Override public List<Release> history(String namespace, String name) {
            reads.incrementAndGet();
            return delegate.history(namespace, name);
        }
        @Override public void create(Release release) {
            delegate.create(release);
        }
        @Override public void update(Release release) {
            delegate.update(release);
        }
        @Override public void delete(String namespace, String name, int revision) {
            delegate.delete(namespace, name, revision);
        }
        @Override public List<Release> list(String namespace) {
            return delegate.list(namespace);
        }
        @Override public Optional<String> fingerprint(String namespace, String name) {
            return delegate.fingerprint(namespace, name);
        }
    }

    /** Locks that let a rival command take and release the lock just before ours is taken. */
    record RacedLocks(ReleaseLocks delegate, Runnable[] rival) implements ReleaseLocks {
        @Override public Lock acquire(String namespace, String name, String operation) {
            return acquire(namespace, name, operation, true);
        }
        @Override public Lock acquire(String namespace, String name, String operation, boolean hasHistory) {
            Runnable r = rival[0];
            rival[0] = null;
            if (r != null) {
                r.run();
            }
            return delegate.acquire(namespace, name, operation, hasHistory);
        }
    }

    private static ValuesRequest sets(String... sets) {
        return new ValuesRequest(List.of(Path.of("values/values-dev.yaml")),
                java.util.Arrays.stream(sets).map(s -> new SetArg(SetMode.SET, s)).toList());
    }

    private static Release upgrade(ActionContext ctx, String tag) {
        return new Upgrade(ctx).run(new Upgrade.Options(null, sets("backend.tag=" + tag), ReleaseTarget.defaults(),
                WaitOptions.none(), false, false, false, 10, Takeover.none()));
    }

    private static ActionContext with(ActionFixture f, ReleaseStore store, ReleaseLocks locks) {
        ActionContext c = f.ctx;
        return new ActionContext(c.pipeline(), c.parser(), c.cluster(), store, locks, c.waiter(), c.clock(), c.out());
    }

    @Test
    void anUpgradeAfterAnUpgradeReadsTheHistoryOnce() {
        ActionFixture f = ActionFixture.inProject();
        new Install(f.ctx).run(new Install.Options(null, sets(), ReleaseTarget.defaults(), WaitOptions.none(), false,
                10, Takeover.none()));
        upgrade(f.ctx, "v2"); // its lock is the first to record the history it left
        AtomicInteger reads = new AtomicInteger();
        Release r = upgrade(with(f, new CountingStore(f.store, reads), f.locks), "v3");
        assertEquals(3, r.revision());
        assertEquals(1, reads.get(), "the lock proved the history read before locking still current");
        assertEquals(List.of(ReleaseStatus.SUPERSEDED, ReleaseStatus.SUPERSEDED, ReleaseStatus.DEPLOYED),
                f.store.history(NS, "motos").stream().map(Release::status).toList());
    }

    @Test
    void aChangeBetweenTheLookAndTheLockIsReadAndPlannedAgain() {
        ActionFixture f = ActionFixture.inProject();
        new Install(f.ctx).run(new Install.Options(null, sets(), ReleaseTarget.defaults(), WaitOptions.none(), false,
                10, Takeover.none()));
        upgrade(f.ctx, "v2");
        // after our look, another command upgrades under the lock and releases it
        Runnable[] rival = {() -> upgrade(f.ctx, "v9")};
        AtomicInteger reads = new AtomicInteger();
        Release r = upgrade(with(f, new CountingStore(f.store, reads), new RacedLocks(f.locks, rival)), "v3");
        assertEquals(2, reads.get(), "the history the rival left is not the one read: read again");
        assertEquals(4, r.revision(), "planned on the rival's revision 3, not over it");
        assertEquals(List.of(ReleaseStatus.SUPERSEDED, ReleaseStatus.SUPERSEDED, ReleaseStatus.SUPERSEDED,
                ReleaseStatus.DEPLOYED), f.store.history(NS, "motos").stream().map(Release::status).toList());
    }

    @Test
    void aLockTakenOverFromADeadHolderProvesNothing() {
        ActionFixture f = ActionFixture.inProject();
        new Install(f.ctx).run(new Install.Options(null, sets(), ReleaseTarget.defaults(), WaitOptions.none(), false,
                10, Takeover.none()));
        upgrade(f.ctx, "v2");
        f.locks.simulateStaleHolder(NS, "motos", "gone/pid-1", "upgrade");
        AtomicInteger reads = new AtomicInteger();
        upgrade(with(f, new CountingStore(f.store, reads), f.locks), "v3");
        assertEquals(2, reads.get(), "a taken-over lock says nothing of the history: read again");
    }
}
