package dev.motospkg.apply;

import dev.motospkg.kube.Cluster;
import dev.motospkg.kube.ObjectKey;
import dev.motospkg.render.ReleaseContext;
import dev.motospkg.resource.KubeObject;
import dev.motospkg.yaml.Trees;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns rendered objects into what is sent, in the order it is sent: the Namespace first, then
 * Secrets, ConfigMaps and PVCs, then everything else in template order (the seed's numbering:
 * database, backend, frontend). Deletions go in the reverse order.
 */
public final class ApplyPlan {
    private static final Map<String, Integer> KIND_RANK = Map.of(
            "Namespace", 0, "ServiceAccount", 1, "Secret", 1, "ConfigMap", 1, "PersistentVolumeClaim", 1);
    /** Objects that hold data or contain everything else: never deleted unless asked in so many words. */
    private static final Set<String> DATA_KINDS = Set.of("PersistentVolumeClaim", "Namespace");

    private ApplyPlan() {
    }

    public static List<DesiredObject> desired(List<KubeObject> objects, ReleaseContext release, Cluster cluster) {
        List<DesiredObject> out = new ArrayList<>();
        for (KubeObject o : objects) {
            Map<String, Object> body = Trees.deepCopy(o.body());
            Map<String, Object> metadata = child(body, "metadata");
            String namespace = null;
            if (cluster.isNamespaced(o.apiVersion(), o.kind())) {
                namespace = o.namespace() != null ? o.namespace() : release.namespace();
                metadata.put("namespace", namespace);
            }
            child(metadata, "labels").put(ReleaseMarks.MANAGED_BY_LABEL, ReleaseMarks.MANAGED_BY);
            Map<String, Object> annotations = child(metadata, "annotations");
            annotations.put(ReleaseMarks.RELEASE_NAME, release.name());
            annotations.put(ReleaseMarks.RELEASE_NAMESPACE, release.namespace());
            out.add(new DesiredObject(new ObjectKey(o.apiVersion(), o.kind(), namespace, o.name()), o.source(), body));
        }
        out.sort(applyOrder());
        return out;
    }

    public static Comparator<DesiredObject> applyOrder() {
        return Comparator.comparingInt((DesiredObject d) -> KIND_RANK.getOrDefault(d.kind(), 2))
                .thenComparing(DesiredObject::source);
    }

    /** Namespace, ServiceAccounts, Secrets, ConfigMaps, PVCs: what everything else may need, so it goes first. */
    public static boolean goesFirst(String kind) {
        return KIND_RANK.getOrDefault(kind, 2) < 2;
    }

    /** PVCs and the Namespace: deleting them deletes data, so motospkg never replaces them either. */
    public static boolean holdsData(String kind) {
        return DATA_KINDS.contains(kind);
    }

    /** PVCs and Namespaces, and anything annotated keep: removed from the chart, they stay in the cluster. */
    public static boolean isKept(DesiredObject d) {
        if (DATA_KINDS.contains(d.kind())) {
            return true;
        }
        Object annotations = Trees.at(d.body(), List.of("metadata", "annotations"));
        if (annotations instanceof Map<?, ?> map) {
            return "keep".equals(map.get(ReleaseMarks.RESOURCE_POLICY))
                    || "keep".equals(map.get(ReleaseMarks.HELM_RESOURCE_POLICY));
        }
        return false;
    }

    /** Objects of {@code previous} that {@code next} no longer has, in deletion (reverse) order. */
    public static List<DesiredObject> removed(List<DesiredObject> previous, List<DesiredObject> next) {
        Set<String> keep = new java.util.HashSet<>();
        next.forEach(d -> keep.add(identity(d.key())));
        List<DesiredObject> gone = new ArrayList<>();
        for (DesiredObject d : previous) {
            if (!keep.contains(identity(d.key()))) {
                gone.add(d);
            }
        }
        gone.sort(applyOrder().reversed());
        return gone;
    }

    /** Identity without the API version, as kapp does: an apiVersion bump is an update. */
    public static String identity(ObjectKey key) {
        String api = key.apiVersion();
        String group = api.contains("/") ? api.substring(0, api.indexOf('/')) : "";
        return group + "|" + key.kind() + "|" + key.namespace() + "|" + key.name();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object existing = parent.get(key);
        if (existing instanceof Map) {
            return (Map<String, Object>) existing;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }
}
