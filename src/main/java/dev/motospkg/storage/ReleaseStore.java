package dev.motospkg.storage;

import dev.motospkg.release.Release;
import java.util.List;

/**
 * Where revisions live (Helm's storage driver). Implementations: {@link MemoryReleaseStore} for
 * tests, {@code SecretReleaseStore} for a cluster (one Secret per revision).
 */
public interface ReleaseStore {

    /** All stored revisions of a release, oldest first; empty when there is none. */
    List<Release> history(String namespace, String name);

    /** Stores a new revision; fails if that revision already exists. */
    void create(Release release);

    /** Replaces a stored revision (status, description, timestamps). */
    void update(Release release);

    void delete(String namespace, String name, int revision);

    /** The newest revision of every release in a namespace, or in all namespaces when namespace is null. */
    List<Release> list(String namespace);

    /**
     * A digest of the release's history as this store last read it ({@link #history}) and then
     * wrote it itself; empty when it does not know (never read, or a write whose outcome is
     * unknown). Equal digests mean equal histories: what lets a lock prove that nobody changed the
     * history since it was read (see {@link ReleaseLocks.Lock#historyLeft()}).
     */
    default java.util.Optional<String> fingerprint(String namespace, String name) {
        return java.util.Optional.empty();
    }
}
