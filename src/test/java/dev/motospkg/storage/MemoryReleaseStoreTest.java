package dev.motospkg.storage;

import static dev.motospkg.storage.Releases.release;
import static dev.motospkg.storage.Releases.revisions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.MotosException;
import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryReleaseStoreTest {

    private final MemoryReleaseStore store = new MemoryReleaseStore();

    @Test
    void historyIsOldestFirstAndEmptyForUnknownRelease() {
        store.create(release("prod", "motos", 2, ReleaseStatus.DEPLOYED));
        store.create(release("prod", "motos", 1, ReleaseStatus.SUPERSEDED));
        store.create(release("prod", "other", 1, ReleaseStatus.DEPLOYED));
        assertEquals(List.of(1, 2), revisions(store.history("prod", "motos")));
        assertEquals(List.of(), store.history("prod", "nope"));
        assertEquals(List.of(), store.history("dev", "motos"));
    }

    @Test
    void createFailsOnExistingRevision() {
        store.create(release("prod", "motos", 1, ReleaseStatus.DEPLOYED));
        MotosException e = assertThrows(MotosException.class,
                () -> store.create(release("prod", "motos", 1, ReleaseStatus.FAILED)));
        assertEquals("release motos.v1 already exists in namespace prod", e.getMessage());
        assertEquals(ReleaseStatus.DEPLOYED, store.history("prod", "motos").get(0).status());
    }

    @Test
    void updateReplacesAndFailsWhenMissing() {
        Release v1 = release("prod", "motos", 1, ReleaseStatus.PENDING_INSTALL);
        store.create(v1);
        store.update(v1.withStatus(ReleaseStatus.DEPLOYED, "Install complete", Releases.T0.plusSeconds(5)));
        assertEquals(ReleaseStatus.DEPLOYED, store.history("prod", "motos").get(0).status());
        MotosException e = assertThrows(MotosException.class,
                () -> store.update(release("prod", "motos", 2, ReleaseStatus.DEPLOYED)));
        assertTrue(e.getMessage().contains("motos.v2 is not stored in namespace prod"), e.getMessage());
    }

    @Test
    void deleteRemovesOneRevisionAndIgnoresMissing() {
        store.create(release("prod", "motos", 1, ReleaseStatus.SUPERSEDED));
        store.create(release("prod", "motos", 2, ReleaseStatus.DEPLOYED));
        store.delete("prod", "motos", 1);
        store.delete("prod", "motos", 7);
        store.delete("nowhere", "motos", 1);
        assertEquals(List.of(2), revisions(store.history("prod", "motos")));
        store.delete("prod", "motos", 2);
        assertEquals(List.of(), store.history("prod", "motos"));
        assertEquals(List.of(), store.list("prod"));
    }

    @Test
    void listGivesNewestRevisionPerReleaseInOneOrAllNamespaces() {
        store.create(release("prod", "motos", 1, ReleaseStatus.SUPERSEDED));
        store.create(release("prod", "motos", 2, ReleaseStatus.DEPLOYED));
        store.create(release("prod", "api", 1, ReleaseStatus.FAILED));
        store.create(release("dev", "motos", 5, ReleaseStatus.DEPLOYED));
        List<Release> prod = store.list("prod");
        assertEquals(List.of("api.v1", "motos.v2"), prod.stream().map(Release::label).toList());
        List<Release> all = store.list(null);
        assertEquals(List.of("dev/motos.v5", "prod/api.v1", "prod/motos.v2"),
                all.stream().map(r -> r.namespace() + "/" + r.label()).toList());
        assertEquals(List.of(), store.list("staging"));
    }
}
