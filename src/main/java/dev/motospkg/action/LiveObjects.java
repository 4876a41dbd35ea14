package dev.motospkg.action;

import dev.motospkg.apply.DesiredObject;
import dev.motospkg.kube.Cluster;
import dev.motospkg.kube.ObjectKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the live objects a plan needs with as few requests as possible: one LIST per kind and
 * namespace when the release has several objects of that kind, a GET otherwise; none in a namespace
 * the command itself just created.
 */
final class LiveObjects {
    private final Map<String, Optional<Map<String, Object>>> byKey = new HashMap<>();

    /** @param emptyNamespace a namespace known to hold nothing yet (created by this command), or null */
    static LiveObjects read(Cluster cluster, List<DesiredObject> desired, List<DesiredObject> previous,
            String emptyNamespace) {
        Map<String, List<ObjectKey>> groups = new LinkedHashMap<>();
        for (List<DesiredObject> list : List.of(desired, previous)) {
            for (DesiredObject d : list) {
                ObjectKey k = d.key();
                if (emptyNamespace != null && emptyNamespace.equals(k.namespace())) {
                    continue; // absent: the namespace was created a moment ago, under the release's lock
                }
                List<ObjectKey> group = groups.computeIfAbsent(k.apiVersion() + "|" + k.kind() + "|" + k.namespace(),
                        g -> new ArrayList<>());
                if (!group.contains(k)) {
                    group.add(k);
                }
            }
        }
        LiveObjects live = new LiveObjects();
        for (List<ObjectKey> group : groups.values()) {
            ObjectKey first = group.get(0);
            if (group.size() == 1 || first.namespace() == null) {
                group.forEach(k -> live.byKey.put(k.toString(), cluster.get(k)));
                continue;
            }
            Map<String, Map<String, Object>> listed = new HashMap<>();
            for (Map<String, Object> o : cluster.list(first.apiVersion(), first.kind(), first.namespace(), Map.of())) {
                if (o.get("metadata") instanceof Map<?, ?> m) {
                    listed.put(String.valueOf(m.get("name")), o);
                }
            }
            group.forEach(k -> live.byKey.put(k.toString(), Optional.ofNullable(listed.get(k.name()))));
        }
        return live;
    }

    Optional<Map<String, Object>> get(ObjectKey key) {
        return byKey.getOrDefault(key.toString(), Optional.empty());
    }
}
