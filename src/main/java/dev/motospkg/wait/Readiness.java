package dev.motospkg.wait;

import dev.motospkg.yaml.Trees;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides from a live object (and, for workloads, its pods) whether it is ready, and if not, why
 * in words a user can act on. Pure: the same trees always give the same answer.
 */
public final class Readiness {

    /** Waiting reasons that are normal progress, not problems. */
    private static final Set<String> ROUTINE_WAITING = Set.of("ContainerCreating", "PodInitializing");

    private Readiness() {
    }

    /**
     * @param live the object as the server returns it
     * @param pods the pods selected by a Deployment (empty for other kinds)
     */
    public static ObjectState assess(Map<String, Object> live, List<Map<String, Object>> pods) {
        String kind = string(live, "kind");
        return switch (kind == null ? "" : kind) {
            case "Deployment" -> deployment(live, pods);
            case "PersistentVolumeClaim" -> pvc(live);
            case "Service" -> service(live);
            case "Namespace" -> namespace(live);
            default -> ObjectState.ready("exists");
        };
    }

    static ObjectState deployment(Map<String, Object> live, List<Map<String, Object>> pods) {
        long wanted = number(live, 1, "spec", "replicas");
        long generation = number(live, 0, "metadata", "generation");
        Long observed = numberOrNull(live, "status", "observedGeneration");
        long updated = number(live, 0, "status", "updatedReplicas");
        long readyReplicas = number(live, 0, "status", "readyReplicas");
        long available = number(live, 0, "status", "availableReplicas");
        // an old status describes the previous spec, so its counts prove nothing about this one
        boolean observedCurrent = observed != null && observed >= generation;

        String summary = available + "/" + wanted + " available";
        if (observedCurrent && updated < wanted) {
            summary += ", " + updated + "/" + wanted + " updated";
        }
        if (observedCurrent && updated == wanted && readyReplicas == wanted && available == wanted) {
            return ObjectState.ready(summary);
        }
        Set<String> reasons = new LinkedHashSet<>();
        if (!observedCurrent) {
            reasons.add("the deployment controller has not processed generation " + generation + " yet (observed: "
                    + (observed == null ? "none" : observed) + ")");
        }
        for (Map<String, Object> c : Trees.mapList(Trees.at(live, List.of("status", "conditions")))) {
            String type = string(c, "type");
            String status = string(c, "status");
            // ReplicaFailure is the one Deployment condition where True is bad
            boolean bad = "ReplicaFailure".equals(type) ? "True".equals(status) : !"True".equals(status);
            if (bad) {
                reasons.add(type + "=" + status + join(string(c, "reason"), string(c, "message")));
            }
        }
        for (Map<String, Object> pod : pods) {
            podReasons(pod, reasons);
        }
        return ObjectState.waiting(summary, new ArrayList<>(reasons));
    }

    /** Container waits (image pulls, crash loops), last terminations and scheduling failures. */
    static void podReasons(Map<String, Object> pod, Set<String> reasons) {
        if (Trees.at(pod, List.of("metadata", "deletionTimestamp")) != null) {
            return; // terminating pods of an old rollout are on their way out
        }
        String name = "pod " + string(pod, "metadata", "name");
        for (Map<String, Object> c : Trees.mapList(Trees.at(pod, List.of("status", "conditions")))) {
            if ("PodScheduled".equals(string(c, "type")) && "False".equals(string(c, "status"))) {
                reasons.add(name + ": " + orElse(string(c, "reason"), "not scheduled") + message(string(c, "message")));
            }
        }
        List<Map<String, Object>> statuses = new ArrayList<>(
                Trees.mapList(Trees.at(pod, List.of("status", "initContainerStatuses"))));
        statuses.addAll(Trees.mapList(Trees.at(pod, List.of("status", "containerStatuses"))));
        for (Map<String, Object> cs : statuses) {
            String container = name + " container " + string(cs, "name");
            String waiting = string(cs, "state", "waiting", "reason");
            if (waiting != null && !ROUTINE_WAITING.contains(waiting)) {
                reasons.add(container + ": " + waiting + message(string(cs, "state", "waiting", "message")));
            }
            Object terminated = Trees.at(cs, List.of("lastState", "terminated"));
            if (terminated != null && !Boolean.TRUE.equals(cs.get("ready"))) {
                String reason = orElse(string(cs, "lastState", "terminated", "reason"), "terminated");
                Long exit = numberOrNull(cs, "lastState", "terminated", "exitCode");
                reasons.add(container + " last exited: " + reason + (exit == null ? "" : " (exit code " + exit + ")")
                        + message(string(cs, "lastState", "terminated", "message")));
            }
        }
    }

    static ObjectState pvc(Map<String, Object> live) {
        String phase = orElse(string(live, "status", "phase"), "Pending");
        if ("Bound".equals(phase)) {
            return ObjectState.ready("Bound");
        }
        String reason = "Lost".equals(phase)
                ? "its PersistentVolume is gone"
                : "no controller/provisioner has bound it yet (storageClassName: "
                        + orElse(string(live, "spec", "storageClassName"), "cluster default")
                        + "; is there a provisioner for it, or a matching PersistentVolume?)";
        return ObjectState.waiting(phase, List.of(reason));
    }

    static ObjectState service(Map<String, Object> live) {
        String type = orElse(string(live, "spec", "type"), "ClusterIP");
        if ("ExternalName".equals(type)) {
            return ObjectState.ready("ExternalName");
        }
        if ("LoadBalancer".equals(type)) {
            List<Map<String, Object>> ingress = Trees.mapList(Trees.at(live, List.of("status", "loadBalancer", "ingress")));
            if (!ingress.isEmpty()) {
                return ObjectState.ready("load balancer "
                        + orElse(string(ingress.get(0), "ip"), string(ingress.get(0), "hostname")));
            }
            return ObjectState.waiting("no load balancer address", List.of("no external address assigned yet: the cluster"
                    + " needs a load-balancer implementation (cloud provider, MetalLB, `minikube tunnel`)"));
        }
        String clusterIp = string(live, "spec", "clusterIP");
        if (clusterIp == null || clusterIp.isEmpty()) {
            return ObjectState.waiting("no cluster IP", List.of("the API server has not allocated a cluster IP yet"));
        }
        if ("NodePort".equals(type)) {
            for (Map<String, Object> port : Trees.mapList(Trees.at(live, List.of("spec", "ports")))) {
                if (port.get("nodePort") == null) {
                    return ObjectState.waiting("no node port", List.of("port " + orElse(string(port, "name"),
                            string(port, "port")) + " has no node port allocated yet"));
                }
            }
        }
        return ObjectState.ready(type + " " + clusterIp);
    }

    static ObjectState namespace(Map<String, Object> live) {
        String phase = orElse(string(live, "status", "phase"), "Active");
        return "Active".equals(phase)
                ? ObjectState.ready("Active")
                : ObjectState.waiting(phase, List.of("namespace is " + phase + " (being deleted?)"));
    }

    private static String join(String reason, String message) {
        return (reason == null ? "" : " " + reason) + message(message);
    }

    private static String message(String message) {
        return message == null || message.isEmpty() ? "" : ": " + message;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    static String string(Map<String, Object> tree, Object... path) {
        Object value = Trees.at(tree, List.of(path));
        return value == null ? null : value.toString();
    }

    private static long number(Map<String, Object> tree, long fallback, Object... path) {
        Long value = numberOrNull(tree, path);
        return value == null ? fallback : value;
    }

    private static Long numberOrNull(Map<String, Object> tree, Object... path) {
        Object value = Trees.at(tree, List.of(path));
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
