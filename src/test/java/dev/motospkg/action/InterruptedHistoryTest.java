package dev.motospkg.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import dev.motospkg.storage.ReleaseStore;
import dev.motospkg.testing.ActionFixture;
import dev.motospkg.values.SetArg;
import dev.motospkg.values.SetMode;
import dev.motospkg.values.ValuesRequest;
import dev.motospkg.yaml.Trees;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A command that dies between any two writes of the release history (modelled by an Error thrown
 * at the n-th store write, which nothing catches) leaves a history the next command repairs: after
 * it, exactly one revision is deployed and the cluster runs it.
 */
class InterruptedHistoryTest {
    private static final String NS = "motos-app";

    /** Thrown where the process would have died. */
    static final class Killed extends Error {
        Killed() {
            super("killed", null, false, false);
        }
    }

    /** A store that dies at its n-th write (create, update or delete). */
    record DyingStore(ReleaseStore delegate, AtomicInteger writesLeft) implements ReleaseStore {
        private void write() {
            if (writesLeft.decrementAndGet() < 0) {
                throw new Killed();
            }
        }

        @Override public List<Release> history(String namespace, String name) {
            return delegate.history(namespace, name);
        }
        @Override public void create(Release release) {
            write();
            delegate.create(release);
        }
        @Override public void update(Release release) {
            write();
            delegate.update(release);
        }
        @Override public void delete(String namespace, String name, int revision) {
            write();
            delegate.delete(namespace, name, revision);
        }
        @Override public List<Release> list(String namespace) {
            return delegate.list(namespace);
        }
    }

    private static ValuesRequest sets(String... sets) {
        return new ValuesRequest(List.of(Path.of("values/values-dev.yaml")),
                java.util.Arrays.stream(sets).map(s -> new SetArg(SetMode.SET, s)).toList());
    }

    private static Release upgrade(ActionContext ctx, String tag, boolean atomic) {
        return new Upgrade(ctx).run(new Upgrade.Options(null, sets("backend.tag=" + tag), ReleaseTarget.defaults(),
                new WaitOptions(atomic, java.time.Duration.ofSeconds(1), atomic), false, false, false, 3, Takeover.none()));
    }

    private static ActionContext dying(ActionFixture f, int writes) {
        return dying(f, new AtomicInteger(writes));
    }

    private static ActionContext dying(ActionFixture f, AtomicInteger writes) {
        ActionContext c = f.ctx;
        return new ActionContext(c.pipeline(), c.parser(), c.cluster(), new DyingStore(c.store(), writes),
                c.locks(), c.waiter(), c.clock(), c.out());
    }

    private static List<Release> deployed(ActionFixture f) {
        return f.store.history(NS, "motos").stream().filter(r -> r.status() == ReleaseStatus.DEPLOYED).toList();
    }

    private static String liveTag(ActionFixture f) {
        Object image = Trees.at(f.cluster.find("Deployment", NS, "backend").orElseThrow(),
                List.of("spec", "template", "spec", "containers", 0, "image"));
        return String.valueOf(image).replaceAll(".*:", "");
    }

    private static String recordedTag(Release r) {
        return String.valueOf(Trees.at(r.values(), List.of("backend", "tag")));
    }

    @Test
    void aKillAtEveryWriteOfAnUpgradeIsRepairedByTheNextCommand() {
        int points = 0;
        // an upgrade writes: pending, deployed, superseded, then pruning deletes (history-max 3);
        // an atomic one that fails: pending, failed, restored, superseded
        for (boolean atomicFailure : new boolean[] {false, true}) {
            for (int writes = 0; writes < 6; writes++) {
                ActionFixture f = ActionFixture.inProject();
                new Install(f.ctx).run(new Install.Options(null, sets(), ReleaseTarget.defaults(), WaitOptions.none(),
                        false, 3, Takeover.none()));
                upgrade(f.ctx, "v2", false);
                upgrade(f.ctx, "v3", false);
                if (atomicFailure) {
                    f.waitFailure = dev.motospkg.error.MotosException.failed("timed out", null);
                }
                ActionContext dying = dying(f, writes);
                try {
                    upgrade(dying, "v4", atomicFailure);
                } catch (Killed | dev.motospkg.error.MotosException expected) {
                    points++;
                }
                f.waitFailure = null;
                Release next = upgrade(f.ctx, "v5", false);
                assertEquals(ReleaseStatus.DEPLOYED, next.status());
                List<Release> deployed = deployed(f);
                assertEquals(1, deployed.size(), "kill after " + writes + " writes (atomic " + atomicFailure + "): "
                        + f.store.history(NS, "motos"));
                assertEquals("v5", recordedTag(deployed.get(0)));
                assertEquals("v5", liveTag(f));
            }
        }
        assertTrue(points >= 10, "kills that happened: " + points);
    }

    @Test
    void aDeploymentSupersedesThePreviousRevisionWithoutWritingIt() {
        ActionFixture f = ActionFixture.inProject();
        new Install(f.ctx).run(new Install.Options(null, sets(), ReleaseTarget.defaults(), WaitOptions.none(), false, 10,
                Takeover.none()));
        List<Integer> written = new java.util.ArrayList<>();
        ActionContext c = f.ctx;
        upgrade(new ActionContext(c.pipeline(), c.parser(), c.cluster(), new ReleaseStore() {
            @Override public List<Release> history(String namespace, String name) {
                return c.store().history(namespace, name);
            }
            @Override public void create(Release release) {
                written.add(release.revision());
                c.store().create(release);
            }
            @Override public void update(Release release) {
                written.add(release.revision());
                c.store().update(release);
            }
            @Override public void delete(String namespace, String name, int revision) {
                written.add(revision);
                c.store().delete(namespace, name, revision);
            }
            @Override public List<Release> list(String namespace) {
                return c.store().list(namespace);
            }
        }, c.locks(), c.waiter(), c.clock(), c.out()), "v2", false);
        assertTrue(!written.isEmpty() && written.stream().allMatch(r -> r == 2),
                "only revision 2's record is written: " + written);
        assertEquals(List.of(ReleaseStatus.SUPERSEDED, ReleaseStatus.DEPLOYED),
                f.store.history(NS, "motos").stream().map(Release::status).toList());
        Inspect inspect = new Inspect(f.ctx);
        assertEquals(2, inspect.pick(new ReleaseRef("motos", NS), null).revision());
        inspect.history(new ReleaseRef("motos", NS), OutputFormat.TABLE, 256);
        assertEquals(1, f.output.toString().lines().filter(l -> l.contains("deployed")).count(), f.output.toString());
        assertEquals(1, f.output.toString().lines().filter(l -> l.contains("superseded")).count(), f.output.toString());
    }

    @Test
    void anInterruptedUninstallLeavesNoRevisionDeployed() {
        ActionFixture f = ActionFixture.inProject();
        new Install(f.ctx).run(new Install.Options(null, sets(), ReleaseTarget.defaults(), WaitOptions.none(), false, 10,
                Takeover.none()));
        upgrade(f.ctx, "v2", false);
        // what an uninstall killed after its first write leaves
        Release second = f.store.history(NS, "motos").get(1);
        f.store.update(second.withStatus(ReleaseStatus.UNINSTALLING, "Deletion in progress", f.clock.instant()));

        var e = assertThrows(dev.motospkg.error.MotosException.class, () -> upgrade(f.ctx, "v3", false));
        assertTrue(f.output.toString().contains("revision 2 was left uninstalling; marked failed"), f.output.toString());
        assertTrue(e.getMessage().contains("has no deployed revision"), e.getMessage());
        assertEquals(List.of(ReleaseStatus.SUPERSEDED, ReleaseStatus.FAILED),
                f.store.history(NS, "motos").stream().map(Release::status).toList(),
                "revision 1 was replaced by revision 2 before the uninstall began: it is not deployed again");
    }

    @Test
    void uninstallRepairsTooAndDoesNotLockAReleaseThatIsNotThere() {
        ActionFixture f = ActionFixture.inProject();
        var e = assertThrows(dev.motospkg.error.MotosException.class, () -> new Uninstall(f.ctx).run(
                new Uninstall.Options(new ReleaseRef("motos", "no-such-ns"), true, false, false)));
        assertTrue(e.getMessage().contains("not installed"), e.getMessage());
        assertTrue(f.cluster.find("Namespace", null, "no-such-ns").isEmpty());
    }
}
