package dev.motospkg.storage;

import static dev.motospkg.storage.Releases.release;
import static dev.motospkg.storage.Releases.revisions;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.motospkg.release.ReleaseStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryPrunerTest {

    private final MemoryReleaseStore store = new MemoryReleaseStore();

    private void revisionsWithStatuses(ReleaseStatus... statuses) {
        for (int i = 0; i < statuses.length; i++) {
            store.create(release("prod", "motos", i + 1, statuses[i]));
        }
        store.create(release("prod", "other", 1, ReleaseStatus.SUPERSEDED));
    }

    @Test
    void deletesOldestBeyondTheLimit() {
        revisionsWithStatuses(ReleaseStatus.SUPERSEDED, ReleaseStatus.SUPERSEDED, ReleaseStatus.SUPERSEDED,
                ReleaseStatus.SUPERSEDED, ReleaseStatus.DEPLOYED);
        assertEquals(List.of(1, 2), HistoryPruner.prune(store, "prod", "motos", 3));
        assertEquals(List.of(3, 4, 5), revisions(store.history("prod", "motos")));
        assertEquals(1, store.history("prod", "other").size(), "other releases untouched");
    }

    @Test
    void nothingToDoWithinLimitOrWithoutLimit() {
        revisionsWithStatuses(ReleaseStatus.SUPERSEDED, ReleaseStatus.DEPLOYED);
        assertEquals(List.of(), HistoryPruner.prune(store, "prod", "motos", 2));
        assertEquals(List.of(), HistoryPruner.prune(store, "prod", "motos", 0));
        assertEquals(List.of(), HistoryPruner.prune(store, "prod", "nope", 1));
        assertEquals(List.of(1, 2), revisions(store.history("prod", "motos")));
    }

    @Test
    void neverDeletesTheNewestDeployedRevision() {
        // v2 deployed, then three failed upgrades
        revisionsWithStatuses(ReleaseStatus.SUPERSEDED, ReleaseStatus.DEPLOYED, ReleaseStatus.FAILED,
                ReleaseStatus.FAILED, ReleaseStatus.FAILED);
        assertEquals(List.of(1, 3, 4), HistoryPruner.prune(store, "prod", "motos", 2));
        assertEquals(List.of(2, 5), revisions(store.history("prod", "motos")));
    }

    @Test
    void keepsNewestAndNewestDeployedEvenWithLimitOne() {
        revisionsWithStatuses(ReleaseStatus.SUPERSEDED, ReleaseStatus.DEPLOYED, ReleaseStatus.PENDING_UPGRADE);
        assertEquals(List.of(1), HistoryPruner.prune(store, "prod", "motos", 1));
        assertEquals(List.of(2, 3), revisions(store.history("prod", "motos")));
    }

    @Test
    void olderDeployedRevisionsAreNotProtected() {
        // a stale "deployed" left by an interrupted upgrade: only the newest one counts
        revisionsWithStatuses(ReleaseStatus.DEPLOYED, ReleaseStatus.DEPLOYED, ReleaseStatus.DEPLOYED);
        assertEquals(List.of(1), HistoryPruner.prune(store, "prod", "motos", 2));
    }
}
