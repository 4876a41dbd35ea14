package dev.motospkg.testing;

import dev.motospkg.error.MotosException;
import dev.motospkg.kube.Cluster;
import dev.motospkg.kube.ObjectKey;
import dev.motospkg.yaml.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory cluster for fast action tests: apply stores the object (bumping generation and
 * resourceVersion, keeping the uid), delete removes it; failures can be injected per object.
 * Not a cluster: the same actions are proven against the real API server in the *IT tests.
 */
public final class FakeCluster implements Cluster {
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "PersistentVolume", "StorageClass",
            "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition");

    private final Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
    private final Set<String> failOnApply = new java.util.HashSet<>();
    private final Set<String> rejected = new java.util.HashSet<>();
    private final List<String> writes = new ArrayList<>();
    private int uidCounter;
    private int dryRuns;

    private final Map<String, String> logs = new java.util.HashMap<>();

    /** What {@link #logTail} returns for a pod's container ("pod/container"), as if the kubelet had it. */
    public FakeCluster log(String pod, String container, String text) {
        logs.put(pod + "/" + container, text);
        return this;
    }

    @Override
    public Optional<String> logTail(String namespace, String pod, String container, int lines, boolean previous) {
        String text = logs.get(pod + "/" + container);
        if (text == null) {
            return Optional.empty();
        }
        List<String> all = List.of(text.split("\n"));
        return Optional.of(String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())));
    }

    public int dryRuns() {
        return dryRuns;
    }

    /** Makes the real (not dry-run) apply of {@code Kind/name} fail, like a connection lost mid-apply. */
    public FakeCluster failApplyOf(String kind, String name) {
        failOnApply.add(kind + "/" + name);
        return this;
    }

    /** Makes the server reject {@code Kind/name}, dry-run included, like an invalid object. */
    public FakeCluster reject(String kind, String name) {
        rejected.add(kind + "/" + name);
        return this;
    }

    public FakeCluster clearFailures() {
        failOnApply.clear();
        rejected.clear();
        return this;
    }

    /** "apply Deployment/ns/backend", "delete ..." in order. */
    public List<String> writes() {
        return writes;
    }

    public Optional<Map<String, Object>> find(String kind, String namespace, String name) {
        return Optional.ofNullable(objects.get(id(kind, namespace, name)));
    }

    public List<String> keys() {
        return new ArrayList<>(objects.keySet());
    }

    @Override
    public String describe() {
        return "fake cluster";
    }

    /** The kube-system uid this fake answers; set another to play a release restored into a new cluster. */
    public String identity = "fake-kube-system-uid";

    @Override
    public Optional<String> identity() {
        return Optional.ofNullable(identity);
    }

    @Override
    public Optional<Map<String, Object>> get(ObjectKey key) {
        return Optional.ofNullable(objects.get(id(key.kind(), key.namespace(), key.name()))).map(Trees::deepCopy);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> apply(Map<String, Object> body, boolean dryRun) {
        Map<String, Object> metadata = (Map<String, Object>) body.get("metadata");
        String kind = String.valueOf(body.get("kind"));
        String name = String.valueOf(metadata.get("name"));
        String namespace = (String) metadata.get("namespace");
        if (rejected.contains(kind + "/" + name) || (!dryRun && failOnApply.contains(kind + "/" + name))) {
            throw MotosException.failed(kind + "/" + name + ": rejected by the fake server", null);
        }
        Map<String, Object> stored = Trees.deepCopy(body);
        Map<String, Object> storedMeta = (Map<String, Object>) stored.get("metadata");
        Map<String, Object> existing = objects.get(id(kind, namespace, name));
        long generation = 1;
        if (existing != null) {
            Map<String, Object> oldMeta = (Map<String, Object>) existing.get("metadata");
            storedMeta.put("uid", oldMeta.get("uid"));
            generation = ((Number) oldMeta.get("generation")).longValue() + 1;
            if (existing.containsKey("status")) {
                stored.put("status", existing.get("status"));
            }
        } else {
            storedMeta.put("uid", "uid-" + (++uidCounter));
        }
        storedMeta.put("generation", generation);
        if (dryRun) {
            dryRuns++;
        } else {
            objects.put(id(kind, namespace, name), stored);
            writes.add("apply " + id(kind, namespace, name));
        }
        return Trees.deepCopy(stored);
    }

    @Override
    public boolean delete(ObjectKey key) {
        writes.add("delete " + id(key.kind(), key.namespace(), key.name()));
        return objects.remove(id(key.kind(), key.namespace(), key.name())) != null;
    }

    @Override
    public void deleteAndWait(ObjectKey key, java.time.Duration timeout) {
        delete(key);
    }

    @Override
    public int scaleToZeroAndWait(ObjectKey key, java.time.Duration timeout) {
        Object replicas = get(key).map(o -> Trees.at(o, List.of("spec", "replicas"))).orElse(null);
        strategicMergePatch(key, Map.of("spec", Map.of("replicas", 0)), false);
        return replicas instanceof Number n ? n.intValue() : 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void writeManagedFields(ObjectKey key, List<Map<String, Object>> managedFields, String resourceVersion) {
        Map<String, Object> o = objects.get(id(key.kind(), key.namespace(), key.name()));
        if (o == null) {
            throw MotosException.failed(key + " not found", null);
        }
        ((Map<String, Object>) o.get("metadata")).put("managedFields", Trees.deepCopy(managedFields));
        writes.add("managedFields " + id(key.kind(), key.namespace(), key.name()));
    }

    @Override
    public Map<String, Object> dryRunMergePatch(ObjectKey key, Map<String, Object> patch) {
        Map<String, Object> o = objects.get(id(key.kind(), key.namespace(), key.name()));
        if (o == null || rejected.contains(key.kind() + "/" + key.name())) {
            throw MotosException.failed(key + ": rejected by the fake server", null);
        }
        dryRuns++;
        return mergePatch(Trees.deepCopy(o), patch);
    }

    @Override
    public Map<String, Object> strategicMergePatch(ObjectKey key, Map<String, Object> patch, boolean dryRun) {
        Map<String, Object> o = objects.get(id(key.kind(), key.namespace(), key.name()));
        if (o == null) {
            throw MotosException.failed(key + " not found", null);
        }
        Map<String, Object> result = mergePatch(Trees.deepCopy(o), patch);
        if (!dryRun) {
            objects.put(id(key.kind(), key.namespace(), key.name()), result);
            writes.add("patch " + id(key.kind(), key.namespace(), key.name()));
        }
        return Trees.deepCopy(result);
    }

    /** RFC 7386 (lists replaced whole, unlike the server's strategic merge). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> mergePatch(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            if (e.getValue() == null) {
                target.remove(e.getKey());
            } else if (e.getValue() instanceof Map<?, ?> p) {
                Map<String, Object> base = target.get(e.getKey()) instanceof Map<?, ?> m
                        ? (Map<String, Object>) m : new LinkedHashMap<>();
                target.put(e.getKey(), mergePatch(base, (Map<String, Object>) p));
            } else {
                target.put(e.getKey(), Trees.deepCopy(e.getValue()));
            }
        }
        return target;
    }

    /** Puts an object as another tool made it (kubectl apply), managedFields and all. */
    public FakeCluster put(Map<String, Object> object) {
        Map<String, Object> stored = Trees.deepCopy(object);
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) stored.get("metadata");
        meta.putIfAbsent("uid", "uid-" + (++uidCounter));
        meta.putIfAbsent("generation", 1);
        objects.put(id(String.valueOf(stored.get("kind")), (String) meta.get("namespace"),
                String.valueOf(meta.get("name"))), stored);
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String apiVersion, String kind, String namespace, Map<String, String> labels) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> o : objects.values()) {
            Map<String, Object> meta = (Map<String, Object>) o.get("metadata");
            Object objLabels = meta.get("labels");
            boolean match = kind.equals(o.get("kind")) && (namespace == null || namespace.equals(meta.get("namespace")))
                    && labels.entrySet().stream().allMatch(e -> objLabels instanceof Map<?, ?> m
                            && e.getValue().equals(m.get(e.getKey())));
            if (match) {
                out.add(Trees.deepCopy(o));
            }
        }
        return out;
    }

    @Override
    public boolean isNamespaced(String apiVersion, String kind) {
        return !CLUSTER_SCOPED.contains(kind);
    }

    private static String id(String kind, String namespace, String name) {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
