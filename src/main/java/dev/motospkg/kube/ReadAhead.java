package dev.motospkg.kube;

import dev.motospkg.yaml.Trees;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers to single-object reads, learnt from wider LISTs that one command makes anyway (all
 * Namespaces for the cluster's identity, a namespace's Secrets for the release history), so the GETs
 * that would follow cost no request. Shared by the parts of one command; never outlives it.
 *
 * <p>An object is answered once: a second read of it (a re-read for freshness, a wait's poll) goes to
 * the server. A write through this command forgets what was learnt of the object it wrote. A
 * complete list also answers "absent" for names it did not hold; a partial one (a label selector)
 * answers only for what it held.
 */
public final class ReadAhead {
    private final Map<ObjectKey, Map<String, Object>> present = new HashMap<>();
    /** "apiVersion|kind|namespace" of complete lists: a name not in {@link #present} was absent. */
    private final Set<String> completeScopes = new HashSet<>();
    /** Keys answered or written since: never answered (again) from a list. */
    private final Set<ObjectKey> spent = new HashSet<>();

    /** Everything a list held, and (when {@code complete}) that nothing else of its kind exists in its scope. */
    public synchronized void learn(String apiVersion, String kind, String namespace, List<Map<String, Object>> items,
            boolean complete) {
        for (Map<String, Object> item : items) {
            Object name = Trees.at(item, List.of("metadata", "name"));
            if (name != null) {
                ObjectKey key = new ObjectKey(apiVersion, kind, namespace, name.toString());
                if (!spent.contains(key)) {
                    present.put(key, item);
                }
            }
        }
        if (complete) {
            completeScopes.add(scope(apiVersion, kind, namespace));
        }
    }

    /** One object as the server returned it from a write of this command: its state now. */
    public synchronized void learn(ObjectKey key, Map<String, Object> object) {
        spent.remove(key);
        present.put(key, object);
    }

    /**
     * The answer to a GET of {@code key}, taken (the next read asks the server); empty when unknown.
     * The inner optional is empty when the object was known absent.
     */
    synchronized Optional<Optional<Map<String, Object>>> take(ObjectKey key) {
        if (spent.contains(key)) {
            return Optional.empty();
        }
        Map<String, Object> found = present.remove(key);
        if (found == null && !completeScopes.contains(scope(key))) {
            return Optional.empty();
        }
        spent.add(key);
        return Optional.of(Optional.ofNullable(found).map(f -> asMap(Trees.deepCopy(f))));
    }

    /**
     * Whether a complete list showed the namespace absent and nothing since created it: then it
     * holds nothing, and reading what is in it would only return nothing. Does not take the answer.
     */
    public synchronized boolean namespaceAbsent(String namespace) {
        ObjectKey key = new ObjectKey("v1", "Namespace", null, namespace);
        return !spent.contains(key) && !present.containsKey(key) && completeScopes.contains(scope(key));
    }

    /** After a write of {@code key} (or a failed one): what was learnt of it is no longer true. */
    public synchronized void forget(ObjectKey key) {
        present.remove(key);
        spent.add(key);
    }

    private static String scope(ObjectKey key) {
        return scope(key.apiVersion(), key.kind(), key.namespace());
    }

    private static String scope(String apiVersion, String kind, String namespace) {
        return apiVersion + "|" + kind + "|" + namespace;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object tree) {
        return (Map<String, Object>) tree;
    }
}
