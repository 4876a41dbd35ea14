package dev.motospkg.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import dev.motospkg.testing.ActionFixture;
import dev.motospkg.values.SetArg;
import dev.motospkg.values.SetMode;
import dev.motospkg.values.ValuesRequest;
import dev.motospkg.yaml.Trees;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Action logic on the real render path with an in-memory store and a fake cluster. */
class ReleaseActionsTest {
    private static final String NS = "motos-app";
    private final ActionFixture f = ActionFixture.inProject();

    private static ValuesRequest dev(String... sets) {
        return new ValuesRequest(List.of(Path.of("values/values-dev.yaml")),
                java.util.Arrays.stream(sets).map(s -> new SetArg(SetMode.SET, s)).toList());
    }

    private static ValuesRequest sets(String... sets) {
        return new ValuesRequest(List.of(), java.util.Arrays.stream(sets).map(s -> new SetArg(SetMode.SET, s)).toList());
    }

    private Release install(ValuesRequest values, WaitOptions wait) {
        return new Install(f.ctx).run(new Install.Options(null, values, ReleaseTarget.defaults(), wait, false, 10, Takeover.none()));
    }

    private Release upgrade(ValuesRequest values, WaitOptions wait) {
        return new Upgrade(f.ctx).run(new Upgrade.Options(null, values, ReleaseTarget.defaults(), wait, false, false,
                false, 10, Takeover.none()));
    }

    private Release rollback(Integer revision) {
        return new Rollback(f.ctx).run(new Rollback.Options(new ReleaseRef("motos", NS), revision, WaitOptions.none(), 10));
    }

    private String backendImage() {
        Map<String, Object> d = f.cluster.find("Deployment", NS, "backend").orElseThrow();
        return String.valueOf(Trees.at(d, List.of("spec", "template", "spec", "containers", 0, "image")));
    }

    @Test
    void installUpgradeRollback() {
        Release r1 = install(dev(), WaitOptions.none());
        assertEquals(1, r1.revision());
        assertEquals(ReleaseStatus.DEPLOYED, r1.status());
        assertEquals("motos-backend:v1", backendImage());
        String mediaSize = "512Mi";

        Release r2 = upgrade(sets("backend.tag=v2"), WaitOptions.none());
        assertEquals(2, r2.revision());
        assertEquals("motos-backend:v2", backendImage());
        assertEquals(mediaSize, Trees.at(f.cluster.find("PersistentVolumeClaim", NS, "media-pvc").orElseThrow(),
                List.of("spec", "resources", "requests", "storage")), "dev values kept across the upgrade");
        assertEquals("v2", Trees.at(r2.values(), List.of("backend", "tag")));

        Release r3 = rollback(null);
        assertEquals(3, r3.revision());
        assertEquals("Rollback to 1", r3.description());
        assertEquals("motos-backend:v1", backendImage());
        List<Release> history = f.store.history(NS, "motos");
        assertEquals(List.of(ReleaseStatus.SUPERSEDED, ReleaseStatus.SUPERSEDED, ReleaseStatus.DEPLOYED),
                history.stream().map(Release::status).toList());
    }

    @Test
    void objectsAreStampedWithTheirRelease() {
        install(dev(), WaitOptions.none());
        Map<String, Object> d = f.cluster.find("Deployment", NS, "backend").orElseThrow();
        assertEquals("motospkg", Trees.at(d, List.of("metadata", "labels", "app.kubernetes.io/managed-by")));
        assertEquals("motos", Trees.at(d, List.of("metadata", "annotations", "motospkg.dev/release-name")));
        assertTrue(f.cluster.writes().get(0).startsWith("apply Namespace/"), f.cluster.writes().toString());
    }

    @Test
    void resetValuesStartsFromDefaults() {
        install(dev(), WaitOptions.none());
        new Upgrade(f.ctx).run(new Upgrade.Options(null, sets("backend.tag=v3"), ReleaseTarget.defaults(),
                WaitOptions.none(), false, true, false, 10, Takeover.none()));
        assertEquals("1Gi", Trees.at(f.cluster.find("PersistentVolumeClaim", NS, "media-pvc").orElseThrow(),
                List.of("spec", "resources", "requests", "storage")));
    }

    @Test
    void aDeletedKeyStaysDeletedAcrossUpgrades() {
        install(dev("frontend.service.nodePort=null"), WaitOptions.none());
        upgrade(sets("backend.tag=v2"), WaitOptions.none());
        Map<String, Object> svc = f.cluster.find("Service", NS, "frontend").orElseThrow();
        assertNull(Trees.at(svc, List.of("spec", "ports", 0, "nodePort")), svc.toString());
    }

    @Test
    void secondInstallIsRefused() {
        install(dev(), WaitOptions.none());
        MotosException e = assertThrows(MotosException.class, () -> install(dev(), WaitOptions.none()));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.hint().contains("upgrade"));
    }

    @Test
    void upgradeWithoutReleaseIsRefusedUnlessInstall() {
        assertThrows(MotosException.class, () -> upgrade(dev(), WaitOptions.none()));
        Release r = new Upgrade(f.ctx).run(new Upgrade.Options(null, dev(), ReleaseTarget.defaults(),
                WaitOptions.none(), true, false, false, 10, Takeover.none()));
        assertEquals(1, r.revision());
    }

    @Test
    void existingSecretRemovesTheSecretButPvcsSurviveAnyRemoval() {
        install(dev(), WaitOptions.none());
        upgrade(sets("postgres.auth.existingSecret=my-db"), WaitOptions.none());
        assertTrue(f.cluster.find("Secret", NS, "postgres-credentials").isEmpty(), "removed object deleted");
        assertTrue(f.cluster.find("PersistentVolumeClaim", NS, "postgres-pvc").isPresent());
    }

    @Test
    void uninstallKeepsDataUnlessAskedAndNamesIt() {
        install(dev(), WaitOptions.none());
        new Uninstall(f.ctx).run(new Uninstall.Options(new ReleaseRef("motos", NS), false, false, false));
        assertTrue(f.cluster.find("Deployment", NS, "backend").isEmpty());
        assertTrue(f.cluster.find("PersistentVolumeClaim", NS, "postgres-pvc").isPresent());
        assertTrue(f.cluster.find("PersistentVolumeClaim", NS, "media-pvc").isPresent());
        assertTrue(f.cluster.find("Namespace", null, NS).isPresent());
        assertTrue(f.store.history(NS, "motos").isEmpty());
        assertTrue(f.output.toString().contains("kubectl delete pvc -n motos-app"), f.output.toString());

        install(dev(), WaitOptions.none());
        new Uninstall(f.ctx).run(new Uninstall.Options(new ReleaseRef("motos", NS), true, true, false));
        assertTrue(f.cluster.find("PersistentVolumeClaim", NS, "postgres-pvc").isEmpty());
        assertTrue(f.cluster.find("Namespace", null, NS).isPresent(), "namespace always kept");
        assertTrue(f.output.toString().contains("Deleting data as asked (--delete-data): PersistentVolumeClaim/"));
        assertEquals(ReleaseStatus.UNINSTALLED, f.store.history(NS, "motos").get(0).status());
    }

    @Test
    void failedApplyMarksRevisionFailedAndNextUpgradeWorks() {
        install(dev(), WaitOptions.none());
        f.cluster.failApplyOf("Deployment", "backend");
        assertThrows(MotosException.class, () -> upgrade(sets("backend.tag=v2"), WaitOptions.none()));
        assertEquals(ReleaseStatus.FAILED, f.store.history(NS, "motos").get(1).status());
        assertEquals(ReleaseStatus.DEPLOYED, f.store.history(NS, "motos").get(0).status());
        f.cluster.clearFailures();
        Release r3 = upgrade(sets("backend.tag=v3"), WaitOptions.none());
        assertEquals(3, r3.revision());
        assertEquals(ReleaseStatus.SUPERSEDED, f.store.history(NS, "motos").get(0).status());
    }

    @Test
    void serverRejectionIsReportedBeforeAnythingIsWritten() {
        install(dev(), WaitOptions.none());
        int writes = f.cluster.writes().size();
        f.cluster.reject("Deployment", "frontend").reject("Deployment", "backend");
        MotosException e = assertThrows(MotosException.class,
                () -> upgrade(sets("backend.tag=v2", "frontend.tag=v2"), WaitOptions.none()));
        assertTrue(e.getMessage().contains("upgrade refused before changing anything (2 problems)"), e.getMessage());
        assertEquals(writes, f.cluster.writes().size(), "no object written");
        assertEquals(1, f.store.history(NS, "motos").size(), "no release record written");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anObjectBeingDeletedIsNotTakenForLive() {
        install(dev(), WaitOptions.none());
        new Uninstall(f.ctx).run(new Uninstall.Options(new ReleaseRef("motos", NS), false, false, false));
        Map<String, Object> pvc = f.cluster.find("PersistentVolumeClaim", NS, "postgres-pvc").orElseThrow();
        ((Map<String, Object>) pvc.get("metadata")).put("deletionTimestamp", "2026-11-25T12:00:00Z");
        MotosException e = assertThrows(MotosException.class, () -> install(dev(), WaitOptions.none()));
        assertTrue(e.getMessage().contains("postgres-pvc is being deleted"), e.getMessage());
    }

    @Test
    void noOpUpgradeWritesNothing() {
        install(dev(), WaitOptions.none());
        int writes = f.cluster.writes().size();
        Release same = upgrade(ValuesRequest.none(), WaitOptions.none());
        assertEquals(1, same.revision());
        assertEquals(writes, f.cluster.writes().size());
        assertTrue(f.output.toString().contains("is up to date"), f.output.toString());
    }

    @Test
    void repeatingTheSameValuesFileIsANoOpToo() {
        install(dev(), WaitOptions.none());
        Release same = upgrade(dev(), WaitOptions.none());
        assertEquals(1, same.revision(), "numbers read again from YAML equal the stored ones");
    }

    @Test
    void oneFieldUpgradeWritesOneObjectAfterItsMigrateStep() {
        install(dev(), WaitOptions.none());
        int writes = f.cluster.writes().size();
        upgrade(sets("backend.tag=v2"), WaitOptions.none());
        // the step's Job is never patched: the last run's Job is deleted and the new one created
        // a new backend image is a risky change: the backup step runs first
        assertEquals(List.of("delete Job/motos-app/backup", "apply Job/motos-app/backup",
                "delete Job/motos-app/backup-media", "apply Job/motos-app/backup-media",
                "delete Job/motos-app/migrate", "apply Job/motos-app/migrate",
                "apply Deployment/motos-app/backend"), f.cluster.writes().subList(writes, f.cluster.writes().size()));
    }

    @Test
    void selectorChangeAndPvcShrinkAreRefusedWithNothingWritten() {
        install(dev(), WaitOptions.none());
        int writes = f.cluster.writes().size();
        MotosException shrink = assertThrows(MotosException.class,
                () -> upgrade(sets("postgres.storage=100Mi"), WaitOptions.none()));
        assertTrue(shrink.getMessage().contains("storage would shrink from 1Gi to 100Mi"), shrink.getMessage());
        assertEquals(writes, f.cluster.writes().size());
        assertEquals(1, f.store.history(NS, "motos").size());
    }

    @Test
    void waitTimeoutFailsWithTheReasonAndAtomicRestoresThePreviousRevision() {
        install(dev(), WaitOptions.none());
        f.waitFailure = MotosException.failed("timed out after 5s: 1 object not ready\n  Deployment/backend: 0/1 available"
                + "\n    - backend-7f9c: ImagePullBackOff", null);
        MotosException e = assertThrows(MotosException.class,
                () -> upgrade(sets("backend.tag=v2"), new WaitOptions(true, Duration.ofSeconds(5), false)));
        assertTrue(e.getMessage().contains("ImagePullBackOff"), e.getMessage());
        assertEquals("motos-backend:v2", backendImage(), "without atomic the failed revision stays applied");

        f.waitFailures = 1; // the upgrade's wait fails; the rollback's wait succeeds
        e = assertThrows(MotosException.class,
                () -> upgrade(sets("backend.tag=v3"), new WaitOptions(true, Duration.ofSeconds(5), true)));
        assertTrue(e.getMessage().contains("atomic: revision 1 is live again as revision 4"), e.getMessage());
        assertEquals("motos-backend:v1", backendImage());
        List<Release> history = f.store.history(NS, "motos");
        assertEquals(List.of(ReleaseStatus.SUPERSEDED, ReleaseStatus.FAILED, ReleaseStatus.FAILED, ReleaseStatus.DEPLOYED),
                history.stream().map(Release::status).toList());
        assertEquals("Rollback to 1 (atomic: upgrade to 3 failed)", history.get(3).description());
        // the normal path: a rollback revision recorded, its plan applied, and it waited
        String out = f.output.toString();
        // the rollback looks at the database first: revision 1's code knows every migration it has
        assertTrue(out.contains("Atomic: upgrade failed; rolling back to revision 1...\nChecking the database before"
                + " rolling back to revision 1:\n"), out);
        assertTrue(out.contains("  schema: the database has no migration that revision 1's code (motos-backend:v1)"
                + " does not know\nRollback motos.v4 in namespace motos-app:\n"), out);
        assertTrue(out.substring(out.indexOf("Rollback motos.v4")).contains("  changed  Deployment/motos-app/backend\n"
                + "  10 unchanged\nWaiting up to 5s"), out);
    }

    @Test
    void aFailedAtomicRollbackShowsBothErrors() {
        install(dev(), WaitOptions.none());
        f.waitFailure = MotosException.failed("timed out after 5s: Deployment/backend: 0/1 available", "Check the pods.");
        MotosException e = assertThrows(MotosException.class,
                () -> upgrade(sets("backend.tag=v2"), new WaitOptions(true, Duration.ofSeconds(5), true)));
        assertEquals("timed out after 5s: Deployment/backend: 0/1 available\n(atomic: rolling back to revision 1"
                + " failed too: timed out after 5s: Deployment/backend: 0/1 available)", e.getMessage());
        assertEquals(List.of(ReleaseStatus.DEPLOYED, ReleaseStatus.FAILED, ReleaseStatus.FAILED),
                f.store.history(NS, "motos").stream().map(Release::status).toList());
    }

    @Test
    void aFailedAtomicInstallDeletesOnlyWhatItCreated() {
        // a Deployment applied with kubectl before motospkg: adopted, then the install fails
        Map<String, Object> theirs = new java.util.LinkedHashMap<>(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", new java.util.LinkedHashMap<>(Map.of("name", "postgres", "namespace", NS)),
                "spec", Map.of("selector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "motos",
                        "app.kubernetes.io/instance", "motos", "app.kubernetes.io/component", "database")))));
        f.cluster.apply(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", NS)), false);
        f.cluster.apply(theirs, false);
        f.cluster.failApplyOf("Deployment", "frontend");
        MotosException e = assertThrows(MotosException.class, () -> new Install(f.ctx).run(new Install.Options(null,
                dev(), ReleaseTarget.defaults(), new WaitOptions(false, Duration.ofSeconds(5), true), false, 10, new Takeover(true, false))));
        assertTrue(f.cluster.find("Deployment", NS, "postgres").isPresent(), "it existed before the install");
        assertTrue(f.cluster.find("Deployment", NS, "backend").isEmpty(), "the install created it");
        assertTrue(f.cluster.find("Service", NS, "backend").isEmpty());
        assertTrue(f.cluster.find("PersistentVolumeClaim", NS, "postgres-pvc").isPresent(), "data is kept");
        assertTrue(e.getMessage().endsWith("(atomic: deleted what the install created; PVCs and the namespace were kept;"
                + " these existed before it and were kept, with the install's changes: Deployment/motos-app/postgres)"),
                e.getMessage());
        assertFalse(f.output.toString().contains("deleted  Deployment/motos-app/postgres"), f.output.toString());
    }

    @Test
    void lockedReleaseIsRefusedNamingTheHolder() {
        install(dev(), WaitOptions.none());
        f.locks.simulateHolder(NS, "motos", "otherhost/pid-42", "upgrade");
        MotosException e = assertThrows(MotosException.class, () -> upgrade(sets("backend.tag=v2"), WaitOptions.none()));
        assertTrue(e.getMessage().contains("otherhost/pid-42"), e.getMessage());
        assertEquals(1, f.store.history(NS, "motos").size(), "nothing recorded");
    }

    @Test
    void aLockLostWhileStalledStopsAllWriting() {
        install(dev(), WaitOptions.none());
        dev.motospkg.storage.ReleaseLocks losing = (ns, name, op) -> new dev.motospkg.storage.ReleaseLocks.Lock() {
            @Override
            public String takenOverFrom() {
                return null;
            }

            @Override
            public boolean held() {
                return false;
            }

            @Override
            public void close() {
            }
        };
        ActionContext c = f.ctx;
        ActionContext stalled = new ActionContext(c.pipeline(), c.parser(), c.cluster(), c.store(), losing, c.waiter(),
                c.clock(), c.out());
        int writes = f.cluster.writes().size();
        MotosException e = assertThrows(MotosException.class, () -> new Upgrade(stalled).run(new Upgrade.Options(null,
                sets("backend.tag=v2"), ReleaseTarget.defaults(), WaitOptions.none(), false, false, false, 10, Takeover.none())));
        assertTrue(e.getMessage().startsWith("lost the lock of release motos"), e.getMessage());
        assertEquals(writes, f.cluster.writes().size());
        assertEquals(1, f.store.history(NS, "motos").size());
    }

    @Test
    void interruptedRevisionIsMarkedFailedByTheNextCommand() {
        install(dev(), WaitOptions.none());
        Release r1 = f.store.history(NS, "motos").get(0);
        f.store.create(new Release("motos", NS, 2, ReleaseStatus.PENDING_UPGRADE, r1.chart(), r1.values(), r1.manifest(),
                r1.firstDeployed(), r1.lastDeployed(), "Upgrade in progress"));
        f.locks.simulateStaleHolder(NS, "motos", "thishost/pid-1", "upgrade");
        Release r3 = upgrade(sets("backend.tag=v2"), WaitOptions.none());
        assertEquals(3, r3.revision());
        assertEquals(ReleaseStatus.FAILED, f.store.history(NS, "motos").get(1).status());
        assertTrue(f.output.toString().contains("marked failed and continuing"), f.output.toString());
    }

    @Test
    void dryRunWritesNothingAndHidesSecrets() {
        Release r = new Install(f.ctx).run(new Install.Options(null, dev(), ReleaseTarget.defaults(),
                WaitOptions.none(), true, 10, Takeover.none()));
        assertNull(r);
        assertTrue(f.cluster.writes().isEmpty());
        assertTrue(f.store.history(NS, "motos").isEmpty());
        String out = f.output.toString();
        assertTrue(out.contains("(hidden: "), out);
        assertFalse(out.contains(java.util.Base64.getEncoder().encodeToString("change-me".getBytes())), out);
    }

    @Test
    void historyMaxPrunesOldRevisions() {
        new Install(f.ctx).run(new Install.Options(null, dev(), ReleaseTarget.defaults(), WaitOptions.none(), false, 2, Takeover.none()));
        for (int i = 2; i <= 4; i++) {
            new Upgrade(f.ctx).run(new Upgrade.Options(null, sets("backend.tag=v" + i), ReleaseTarget.defaults(),
                    WaitOptions.none(), false, false, false, 2, Takeover.none()));
        }
        assertEquals(List.of(3, 4), f.store.history(NS, "motos").stream().map(Release::revision).toList());
    }
}
