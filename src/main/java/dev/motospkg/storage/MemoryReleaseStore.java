package dev.motospkg.storage;

import dev.motospkg.release.Release;
import dev.motospkg.release.Supersession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Revisions kept in this object only, with the same rules as {@link SecretReleaseStore} (create fails
 * on an existing revision, update on a missing one, delete of a missing one is a no-op), so actions
 * can be tested fast. Thread-safe.
 */
public final class MemoryReleaseStore implements ReleaseStore {

    /** namespace -> name -> revision -> release; sorted so list() and history() come out ordered. */
    private final Map<String, Map<String, TreeMap<Integer, Release>>> releases = new TreeMap<>();
    /** "namespace/name" -> how many writes its history has had: the content's version. */
    private final Map<String, Integer> versions = new java.util.HashMap<>();
    /** The version each history was at when last read here, kept up by the writes after it. */
    private final Map<String, Integer> known = new java.util.HashMap<>();

    @Override
    public synchronized java.util.Optional<String> fingerprint(String namespace, String name) {
        return java.util.Optional.ofNullable(known.get(namespace + "/" + name)).map(v -> "v" + v);
    }

    private void wrote(String namespace, String name) {
        String key = namespace + "/" + name;
        int before = versions.getOrDefault(key, 0);
        versions.put(key, before + 1);
        known.computeIfPresent(key, (k, v) -> v == before ? before + 1 : null);
    }

    @Override
    public synchronized List<Release> history(String namespace, String name) {
        TreeMap<Integer, Release> revisions = revisions(namespace, name, false);
        known.put(namespace + "/" + name, versions.getOrDefault(namespace + "/" + name, 0));
        return revisions == null ? List.of() : List.copyOf(Supersession.asRead(revisions.values()));
    }

    @Override
    public synchronized void create(Release release) {
        TreeMap<Integer, Release> revisions = revisions(release.namespace(), release.name(), true);
        if (revisions.containsKey(release.revision())) {
            throw StoreErrors.alreadyExists(release);
        }
        revisions.put(release.revision(), release);
        wrote(release.namespace(), release.name());
    }

    @Override
    public synchronized void update(Release release) {
        TreeMap<Integer, Release> revisions = revisions(release.namespace(), release.name(), false);
        if (revisions == null || !revisions.containsKey(release.revision())) {
            throw StoreErrors.notFound(release.namespace(), release.name(), release.revision());
        }
        revisions.put(release.revision(), release);
        wrote(release.namespace(), release.name());
    }

    @Override
    public synchronized void delete(String namespace, String name, int revision) {
        TreeMap<Integer, Release> revisions = revisions(namespace, name, false);
        if (revisions != null && revisions.containsKey(revision)) {
            wrote(namespace, name);
        }
        if (revisions != null) {
            revisions.remove(revision);
            if (revisions.isEmpty()) {
                releases.get(namespace).remove(name);
            }
        }
    }

    @Override
    public synchronized List<Release> list(String namespace) {
        List<Release> newest = new ArrayList<>();
        releases.forEach((ns, byName) -> {
            if (namespace == null || namespace.equals(ns)) {
                byName.values().forEach(revisions -> newest.add(revisions.lastEntry().getValue()));
            }
        });
        newest.sort(Comparator.comparing(Release::namespace).thenComparing(Release::name));
        return newest;
    }

    private TreeMap<Integer, Release> revisions(String namespace, String name, boolean create) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (!create) {
            Map<String, TreeMap<Integer, Release>> byName = releases.get(namespace);
            return byName == null ? null : byName.get(name);
        }
        return releases.computeIfAbsent(namespace, ns -> new TreeMap<>()).computeIfAbsent(name, n -> new TreeMap<>());
    }
}
