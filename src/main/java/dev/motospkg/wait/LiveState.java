package dev.motospkg.wait;

import dev.motospkg.kube.Cluster;
import dev.motospkg.kube.ObjectKey;
import dev.motospkg.yaml.Trees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads what {@link Readiness} needs from the cluster: the object, its pods, its Endpoints, crash logs. */
public final class LiveState {

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");
    private static final int LOG_LINES = 5;

    private final Cluster cluster;
    /** The pods last read per workload, so a failure message needs no second read of them. */
    private final Map<ObjectKey, List<Map<String, Object>>> lastPods = new HashMap<>();

    public LiveState(Cluster cluster) {
        this.cluster = cluster;
    }

    public ObjectState observe(ObjectKey key) {
        return cluster.get(key).map(live -> assess(key, live))
                .orElse(ObjectState.waiting("not found", List.of("the object does not exist on the server")));
    }

    public ObjectState assess(ObjectKey key, Map<String, Object> live) {
        return Readiness.assess(live, related(key, live));
    }

    Related related(ObjectKey key, Map<String, Object> live) {
        if (WORKLOADS.contains(key.kind())) {
            List<Map<String, Object>> pods = pods(key, live);
            lastPods.put(key, pods);
            return new Related(pods, Optional.empty());
        }
        if ("Service".equals(key.kind()) && Trees.at(live, List.of("spec", "selector")) instanceof Map<?, ?> m
                && !m.isEmpty()) {
            return new Related(List.of(), cluster.get(new ObjectKey("v1", "Endpoints", key.namespace(), key.name())));
        }
        return Related.NONE;
    }

    /**
     * The state with the last log lines of each container that keeps crashing appended, so a
     * timeout says why the program exits, not only that it does.
     */
    public ObjectState withCrashLogs(ObjectKey key, ObjectState state) {
        if (state.ready()) {
            return state;
        }
        List<String> reasons = new ArrayList<>(state.reasons());
        for (Map<String, Object> pod : lastPods.getOrDefault(key, List.of())) {
            for (String container : Readiness.crashedContainers(pod)) {
                String podName = Readiness.string(pod, "metadata", "name");
                cluster.logTail(key.namespace(), podName, container, LOG_LINES, true)
                        .filter(text -> !text.isBlank())
                        .ifPresent(text -> reasons.add("pod " + podName + " container " + container
                                + " last log lines:\n        " + text.strip().replace("\n", "\n        ")));
            }
        }
        return new ObjectState(state.ready(), state.summary(), reasons, state.failed());
    }

    /**
     * The pods a workload selects, terminating ones included (a Deployment is not ready while one
     * of its own still runs); matchExpressions are ignored (labels are enough to find them).
     */
    private List<Map<String, Object>> pods(ObjectKey key, Map<String, Object> live) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (Trees.at(live, List.of("spec", "selector", "matchLabels")) instanceof Map<?, ?> match) {
            match.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        }
        return labels.isEmpty() ? List.of() : cluster.list("v1", "Pod", key.namespace(), labels);
    }
}
