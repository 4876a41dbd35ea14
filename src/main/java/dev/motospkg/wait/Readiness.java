package dev.motospkg.wait;

import dev.motospkg.yaml.Trees;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * @param related what else decides it: a Deployment's pods, a Service's Endpoints
     */
    public static ObjectState assess(Map<String, Object> live, Related related) {
        String kind = string(live, "kind");
        return switch (kind == null ? "" : kind) {
            case "Deployment" -> deployment(live, related.pods());
            case "StatefulSet" -> statefulSet(live, related.pods());
            case "DaemonSet" -> daemonSet(live, related.pods());
            case "Job" -> job(live, related.pods());
            case "PersistentVolumeClaim" -> pvc(live);
            case "Service" -> service(live, related.endpoints());
            case "Namespace" -> namespace(live);
            default -> ObjectState.ready("exists");
        };
    }

    /**
     * Decided the way {@code kubectl rollout status} does: caught up, all updated, no old pods left, all
     * available; and then, unlike it, no pod of its own still terminating.
     */
    static ObjectState deployment(Map<String, Object> live, List<Map<String, Object>> pods) {
        long wanted = number(live, 1, "spec", "replicas");
        long generation = number(live, 0, "metadata", "generation");
        Long observed = numberOrNull(live, "status", "observedGeneration");
        long total = number(live, 0, "status", "replicas");
        long updated = number(live, 0, "status", "updatedReplicas");
        long available = number(live, 0, "status", "availableReplicas");
        // an old status describes the previous spec, so its counts prove nothing about this one
        boolean observedCurrent = observed != null && observed >= generation;
        long old = Math.max(0, total - updated);

        String summary = available + "/" + wanted + " available";
        if (observedCurrent && updated < wanted) {
            summary += ", " + updated + "/" + wanted + " updated";
        }
        if (observedCurrent && old > 0) {
            summary += ", " + old + " old pending termination";
        }
        List<Map<String, Object>> terminating = terminatingPods(string(live, "metadata", "name"), pods);
        if (!terminating.isEmpty()) {
            summary += ", " + terminating.size() + " terminating";
        }
        // available counts old pods too: only when no old one is left does it describe the new ones
        boolean countsReady = observedCurrent && updated >= wanted && old == 0 && available >= wanted;
        if (countsReady && terminating.isEmpty()) {
            return ObjectState.ready(summary);
        }
        Set<String> reasons = new LinkedHashSet<>();
        if (!observedCurrent) {
            reasons.add("the deployment controller has not processed generation " + generation + " yet (observed: "
                    + (observed == null ? "none" : observed) + ")");
        } else if (updated < wanted) {
            reasons.add("rollout in progress: " + updated + " of " + wanted + " new replicas updated");
        } else if (old > 0) {
            reasons.add("rollout in progress: " + old + " old " + (old == 1 ? "replica is" : "replicas are")
                    + " pending termination");
        } else if (!countsReady) {
            reasons.add("rollout in progress: " + available + " of " + updated + " updated replicas available");
        }
        if (!terminating.isEmpty()) {
            reasons.add(terminatingReason(terminating));
        }
        conditionReasons(live, reasons);
        for (Map<String, Object> pod : pods) {
            podReasons(pod, reasons);
        }
        return ObjectState.waiting(summary, new ArrayList<>(reasons));
    }

    /**
     * The Deployment's pods that are being deleted but still run. Its controller no longer counts
     * them, yet until their grace period ends they may answer requests, and a Service may still
     * route to them. Only pods of its own ReplicaSets ({@code <deployment>-<pod-template-hash>}):
     * the selector alone also finds another Deployment's pods when labels overlap.
     */
    private static List<Map<String, Object>> terminatingPods(String deployment, List<Map<String, Object>> pods) {
        List<Map<String, Object>> terminating = new ArrayList<>();
        for (Map<String, Object> pod : pods) {
            String phase = string(pod, "status", "phase");
            boolean stopped = "Succeeded".equals(phase) || "Failed".equals(phase);
            String hash = string(pod, "metadata", "labels", "pod-template-hash");
            if (Trees.at(pod, List.of("metadata", "deletionTimestamp")) != null && !stopped && hash != null
                    && ownedByReplicaSet(pod, deployment + "-" + hash)) {
                terminating.add(pod);
            }
        }
        return terminating;
    }

    private static boolean ownedByReplicaSet(Map<String, Object> pod, String replicaSet) {
        return Trees.mapList(Trees.at(pod, List.of("metadata", "ownerReferences"))).stream()
                .anyMatch(ref -> "ReplicaSet".equals(string(ref, "kind")) && replicaSet.equals(string(ref, "name")));
    }

    /** The first pod and how many more: one reason per pod would bury the others at scale. */
    private static String terminatingReason(List<Map<String, Object>> terminating) {
        Map<String, Object> first = terminating.get(0);
        Long grace = numberOrNull(first, "metadata", "deletionGracePeriodSeconds");
        int more = terminating.size() - 1;
        return "rollout in progress: pod " + string(first, "metadata", "name") + " is still terminating"
                + (grace == null ? "" : " (grace period " + grace + "s)") + " and may answer requests until it stops"
                + (more == 0 ? "" : "; " + more + (more == 1 ? " more pod is" : " more pods are") + " still terminating");
    }

    /** Like {@code kubectl rollout status} for a StatefulSet: ready replicas, and the update revision reached. */
    static ObjectState statefulSet(Map<String, Object> live, List<Map<String, Object>> pods) {
        long wanted = number(live, 1, "spec", "replicas");
        boolean observedCurrent = number(live, -1, "status", "observedGeneration") >= number(live, 0, "metadata", "generation");
        long ready = number(live, 0, "status", "readyReplicas");
        long updated = number(live, 0, "status", "updatedReplicas");
        String current = string(live, "status", "currentRevision");
        String update = string(live, "status", "updateRevision");
        String summary = ready + "/" + wanted + " ready" + (updated < wanted ? ", " + updated + "/" + wanted + " updated" : "");
        boolean onUpdate = update == null || update.equals(current);
        if (observedCurrent && ready >= wanted && updated >= wanted && onUpdate) {
            return ObjectState.ready(summary);
        }
        return waitingWithPods(summary, observedCurrent
                ? "rollout in progress: " + updated + " of " + wanted + " updated, " + ready + " ready"
                : "the statefulset controller has not processed the latest generation yet", pods);
    }

    static ObjectState daemonSet(Map<String, Object> live, List<Map<String, Object>> pods) {
        boolean observedCurrent = number(live, -1, "status", "observedGeneration") >= number(live, 0, "metadata", "generation");
        long desired = number(live, 0, "status", "desiredNumberScheduled");
        long updated = number(live, 0, "status", "updatedNumberScheduled");
        long available = number(live, 0, "status", "numberAvailable");
        String summary = available + "/" + desired + " available" + (updated < desired ? ", " + updated + "/" + desired + " updated" : "");
        if (observedCurrent && updated >= desired && available >= desired) {
            return ObjectState.ready(summary);
        }
        return waitingWithPods(summary, observedCurrent
                ? "rollout in progress: " + updated + " of " + desired + " updated, " + available + " available"
                : "the daemonset controller has not processed the latest generation yet", pods);
    }

    /** Not ready: the workload's own reason first, then what its pods say. */
    private static ObjectState waitingWithPods(String summary, String reason, List<Map<String, Object>> pods) {
        Set<String> reasons = new LinkedHashSet<>();
        reasons.add(reason);
        for (Map<String, Object> pod : pods) {
            podReasons(pod, reasons);
        }
        return ObjectState.waiting(summary, new ArrayList<>(reasons));
    }

    /** A Job is ready when it has completed; a Failed condition is a reason, not progress. */
    static ObjectState job(Map<String, Object> live, List<Map<String, Object>> pods) {
        long succeeded = number(live, 0, "status", "succeeded");
        long completions = number(live, 1, "spec", "completions");
        Set<String> reasons = new LinkedHashSet<>();
        for (Map<String, Object> c : Trees.mapList(Trees.at(live, List.of("status", "conditions")))) {
            if ("True".equals(string(c, "status"))) {
                if ("Complete".equals(string(c, "type"))) {
                    return ObjectState.ready("complete");
                }
                if ("Failed".equals(string(c, "type"))) {
                    reasons.add("the job failed" + join(string(c, "reason"), string(c, "message")));
                }
            }
        }
        boolean failed = !reasons.isEmpty();
        if (reasons.isEmpty()) {
            reasons.add(succeeded + " of " + completions + " completions");
        }
        for (Map<String, Object> pod : pods) {
            podReasons(pod, reasons);
        }
        // a failed Job is done: no controller retries it, so waiting longer only delays the news
        return failed ? ObjectState.failed("failed", new ArrayList<>(reasons))
                : ObjectState.waiting(succeeded + "/" + completions + " complete", new ArrayList<>(reasons));
    }

    private static void conditionReasons(Map<String, Object> live, Set<String> reasons) {
        for (Map<String, Object> c : Trees.mapList(Trees.at(live, List.of("status", "conditions")))) {
            String type = string(c, "type");
            String status = string(c, "status");
            // ReplicaFailure is the one Deployment condition where True is bad
            boolean bad = "ReplicaFailure".equals(type) ? "True".equals(status) : !"True".equals(status);
            if (bad) {
                reasons.add(type + "=" + status + join(string(c, "reason"), string(c, "message")));
            } else if ("Progressing".equals(type) && "ProgressDeadlineExceeded".equals(string(c, "reason"))) {
                reasons.add("the rollout exceeded its progress deadline" + message(string(c, "message")));
            }
        }
    }

    /** Container waits (image pulls, crash loops), last terminations and scheduling failures. */
    /** Containers of a pod that exited and are not running again (crash loops, failed starts). */
    static List<String> crashedContainers(Map<String, Object> pod) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> cs : Trees.mapList(Trees.at(pod, List.of("status", "containerStatuses")))) {
            boolean crashLoop = "CrashLoopBackOff".equals(string(cs, "state", "waiting", "reason"));
            boolean exited = Trees.at(cs, List.of("lastState", "terminated")) != null && !Boolean.TRUE.equals(cs.get("ready"));
            if (crashLoop || exited) {
                names.add(string(cs, "name"));
            }
        }
        return names;
    }

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
            String image = string(cs, "image");
            String container = name + " container " + string(cs, "name") + (image == null ? "" : " (image " + image + ")");
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

    static ObjectState service(Map<String, Object> live, Optional<Map<String, Object>> endpoints) {
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
        boolean selects = Trees.at(live, List.of("spec", "selector")) instanceof Map<?, ?> m && !m.isEmpty();
        if (selects) {
            int ready = readyAddresses(endpoints);
            if (ready == 0) {
                int notReady = notReadyAddresses(endpoints);
                return ObjectState.waiting("no ready endpoints", List.of(notReady > 0
                        ? notReady + " selected " + (notReady == 1 ? "pod is" : "pods are") + " not ready yet"
                        : "its selector matches no running pod " + Trees.at(live, List.of("spec", "selector"))
                                + ": nothing answers on this Service"));
            }
            return ObjectState.ready(type + " " + clusterIp + ", " + ready + (ready == 1 ? " endpoint" : " endpoints"));
        }
        return ObjectState.ready(type + " " + clusterIp);
    }

    private static int readyAddresses(Optional<Map<String, Object>> endpoints) {
        return endpoints.map(e -> Trees.mapList(e.get("subsets")).stream()
                .mapToInt(sub -> Trees.mapList(sub.get("addresses")).size()).sum()).orElse(0);
    }

    private static int notReadyAddresses(Optional<Map<String, Object>> endpoints) {
        return endpoints.map(e -> Trees.mapList(e.get("subsets")).stream()
                .mapToInt(sub -> Trees.mapList(sub.get("notReadyAddresses")).size()).sum()).orElse(0);
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
