package dev.motospkg.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** A table of live objects and what Readiness makes of them. */
@SuppressWarnings("unchecked")
class ReadinessTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // Deployment
                row("deployment all available", deployment(2, 3, status(3, 2, 2, 2, 2)), true, "2/2 available"),
                row("replicas default to 1", deployment(null, 1, status(1, 1, 1, 1, 1)), true, "1/1 available"),
                row("no status yet (no controller)", deployment(1, 1, Map.of()), false, "0/1 available"),
                row("stale observed generation", deployment(2, 4, status(3, 2, 2, 2, 2)), false, "2/2 available"),
                row("half available", deployment(2, 1, status(1, 2, 2, 2, 1)), false, "1/2 available"),
                row("rollout in progress", deployment(2, 2, status(2, 3, 1, 2, 2)), false,
                        "2/2 available, 1/2 updated, 2 old pending termination"),
                // the first real node: the new pod in ErrImagePull, the old one still available
                row("old replica pending termination", deployment(1, 2, status(2, 2, 1, 1, 1)), false,
                        "1/1 available, 1 old pending termination"),
                row("new replica not yet available", deployment(1, 2, status(2, 1, 1, 0, 0)), false, "0/1 available"),
                // StatefulSet, DaemonSet, Job
                row("statefulset on its update revision", workload("StatefulSet", Map.of("observedGeneration", 1,
                        "readyReplicas", 1, "updatedReplicas", 1, "currentRevision", "a", "updateRevision", "a")), true, "1/1 ready"),
                row("statefulset mid-update", workload("StatefulSet", Map.of("observedGeneration", 1,
                        "readyReplicas", 1, "updatedReplicas", 0, "currentRevision", "a", "updateRevision", "b")), false,
                        "1/1 ready, 0/1 updated"),
                row("daemonset rolled out", workload("DaemonSet", Map.of("observedGeneration", 1,
                        "desiredNumberScheduled", 1, "updatedNumberScheduled", 1, "numberAvailable", 1)), true, "1/1 available"),
                row("job complete", workload("Job", Map.of("succeeded", 1,
                        "conditions", List.of(Map.of("type", "Complete", "status", "True")))), true, "complete"),
                row("job running", workload("Job", Map.of("active", 1)), false, "0/1 complete"),
                row("zero replicas", deployment(0, 1, status(1, 0, 0, 0, 0)), true, "0/0 available"),
                // PVC
                row("pvc bound", obj("PersistentVolumeClaim", Map.of("phase", "Bound")), true, "Bound"),
                row("pvc pending", obj("PersistentVolumeClaim", Map.of("phase", "Pending")), false, "Pending"),
                row("pvc without status", obj("PersistentVolumeClaim", null), false, "Pending"),
                // Service
                row("clusterIP set", service("ClusterIP", "10.0.0.5", List.of(Map.of("port", 80)), null), true, "ClusterIP 10.0.0.5"),
                row("default type", service(null, "10.0.0.5", List.of(), null), true, "ClusterIP 10.0.0.5"),
                row("headless", service("ClusterIP", "None", List.of(), null), true, "ClusterIP None"),
                row("no clusterIP", service("ClusterIP", null, List.of(), null), false, "no cluster IP"),
                row("nodePort allocated", service("NodePort", "10.0.0.5",
                        List.of(Map.of("port", 80, "nodePort", 30080)), null), true, "NodePort 10.0.0.5"),
                row("nodePort missing", service("NodePort", "10.0.0.5", List.of(Map.of("port", 80)), null), false, "no node port"),
                row("load balancer pending", service("LoadBalancer", "10.0.0.5", List.of(), Map.of()), false,
                        "no load balancer address"),
                row("load balancer ready", service("LoadBalancer", "10.0.0.5", List.of(),
                        Map.of("loadBalancer", Map.of("ingress", List.of(Map.of("ip", "1.2.3.4"))))), true, "load balancer 1.2.3.4"),
                // Namespace and others
                row("namespace active", obj("Namespace", Map.of("phase", "Active")), true, "Active"),
                row("namespace terminating", obj("Namespace", Map.of("phase", "Terminating")), false, "Terminating"),
                row("configmap exists", obj("ConfigMap", null), true, "exists"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void assessesLiveObjects(String name, Map<String, Object> live, boolean ready, String summary) {
        ObjectState state = Readiness.assess(live, Related.NONE);
        assertEquals(ready, state.ready(), () -> name + ": " + state);
        assertEquals(summary, state.summary());
        if (ready) {
            assertEquals(List.of(), state.reasons(), "a ready object has no reasons");
        }
    }

    @Test
    void aServiceWithASelectorIsReadyOnlyWithAReadyEndpoint() {
        Map<String, Object> svc = service("ClusterIP", "10.0.0.5", List.of(Map.of("port", 80)), null);
        ((Map<String, Object>) svc.get("spec")).put("selector", Map.of("app", "web"));

        ObjectState none = Readiness.assess(svc, Related.NONE);
        assertEquals(false, none.ready());
        assertEquals("no ready endpoints", none.summary());
        assertEquals(List.of("its selector matches no running pod {app=web}: nothing answers on this Service"), none.reasons());

        Map<String, Object> notReady = Map.of("subsets", List.of(Map.of("notReadyAddresses", List.of(Map.of("ip", "10.244.0.12")))));
        assertEquals(List.of("1 selected pod is not ready yet"),
                Readiness.assess(svc, new Related(List.of(), Optional.of(notReady))).reasons());

        Map<String, Object> ready = Map.of("subsets", List.of(Map.of("addresses", List.of(Map.of("ip", "10.244.0.12")))));
        ObjectState up = Readiness.assess(svc, new Related(List.of(), Optional.of(ready)));
        assertEquals(true, up.ready());
        assertEquals("ClusterIP 10.0.0.5, 1 endpoint", up.summary());
    }

    @Test
    void anOldReplicaPendingTerminationIsNotAFinishedRollout() {
        Map<String, Object> pulling = pod("backend-new", Map.of(
                "containerStatuses", List.of(Map.of("name", "backend", "image", "motos-backend:v9", "ready", false,
                        "state", Map.of("waiting", Map.of("reason", "ErrImagePull",
                                "message", "failed to pull and unpack image"))))));
        ObjectState state = Readiness.assess(deployment(1, 2, status(2, 2, 1, 1, 1)),
                new Related(List.of(pulling), Optional.empty()));
        assertEquals(List.of("rollout in progress: 1 old replica is pending termination",
                "pod backend-new container backend (image motos-backend:v9): ErrImagePull: failed to pull and unpack image"),
                state.reasons());
    }

    @Test
    void missingStatusSaysTheControllerHasNotSeenIt() {
        ObjectState state = Readiness.assess(deployment(1, 1, Map.of()), Related.NONE);
        assertEquals(List.of("the deployment controller has not processed generation 1 yet (observed: none)"), state.reasons());
    }

    @Test
    void deploymentReasonsFromConditionsAndPods() {
        Map<String, Object> status = status(1, 1, 1, 0, 0);
        status.put("conditions", List.of(
                Map.of("type", "Progressing", "status", "True", "reason", "ReplicaSetUpdated"),
                Map.of("type", "Available", "status", "False", "reason", "MinimumReplicasUnavailable",
                        "message", "Deployment does not have minimum availability."),
                Map.of("type", "ReplicaFailure", "status", "True", "reason", "FailedCreate",
                        "message", "pods \"web-1\" is forbidden: exceeded quota")));
        Map<String, Object> imagePull = pod("web-a", Map.of(
                "containerStatuses", List.of(Map.of("name", "web", "ready", false,
                        "state", Map.of("waiting", Map.of("reason", "ImagePullBackOff",
                                "message", "Back-off pulling image \"nginx:nope\""))))));
        Map<String, Object> crashing = pod("web-b", Map.of(
                "containerStatuses", List.of(Map.of("name", "web", "ready", false,
                        "state", Map.of("waiting", Map.of("reason", "CrashLoopBackOff")),
                        "lastState", Map.of("terminated", Map.of("reason", "Error", "exitCode", 1))))));
        Map<String, Object> unschedulable = pod("web-c", Map.of(
                "conditions", List.of(Map.of("type", "PodScheduled", "status", "False", "reason", "Unschedulable",
                        "message", "0/1 nodes are available: 1 Insufficient cpu."))));
        Map<String, Object> creating = pod("web-d", Map.of(
                "containerStatuses", List.of(Map.of("name", "web", "state",
                        Map.of("waiting", Map.of("reason", "ContainerCreating"))))));
        Map<String, Object> terminating = pod("web-old", Map.of(
                "containerStatuses", List.of(Map.of("name", "web", "state",
                        Map.of("waiting", Map.of("reason", "ErrImagePull"))))));
        ((Map<String, Object>) terminating.get("metadata")).put("deletionTimestamp", "2024-01-01T00:00:00Z");

        ObjectState state = Readiness.assess(deployment(1, 1, status),
                new Related(List.of(imagePull, crashing, unschedulable, creating, terminating), Optional.empty()));

        assertEquals(false, state.ready());
        assertEquals("0/1 available", state.summary());
        assertEquals(List.of(
                "rollout in progress: 0 of 1 updated replicas available",
                "Available=False MinimumReplicasUnavailable: Deployment does not have minimum availability.",
                "ReplicaFailure=True FailedCreate: pods \"web-1\" is forbidden: exceeded quota",
                "pod web-a container web: ImagePullBackOff: Back-off pulling image \"nginx:nope\"",
                "pod web-b container web: CrashLoopBackOff",
                "pod web-b container web last exited: Error (exit code 1)",
                "pod web-c: Unschedulable: 0/1 nodes are available: 1 Insufficient cpu."), state.reasons());
    }

    @Test
    void aTerminatingPodOfItsOwnKeepsARolledOutDeploymentWaiting() {
        // the counts say rolled out (kubectl rollout status would stop here), yet the old pod still runs
        Map<String, Object> old = terminatingPod("backend-5d8f7c9b4-x2k9q", "backend-5d8f7c9b4", "5d8f7c9b4", "Running", 30);

        ObjectState state = Readiness.assess(backend(status(2, 1, 1, 1, 1)), new Related(List.of(old), Optional.empty()));

        assertEquals(false, state.ready());
        assertEquals("1/1 available, 1 terminating", state.summary());
        assertEquals(List.of("rollout in progress: pod backend-5d8f7c9b4-x2k9q is still terminating (grace period 30s)"
                + " and may answer requests until it stops"), state.reasons());
    }

    @Test
    void severalTerminatingPodsNameTheFirstAndCountTheRest() {
        List<Map<String, Object>> pods = List.of(
                terminatingPod("backend-5d8f7c9b4-a", "backend-5d8f7c9b4", "5d8f7c9b4", null, null),
                terminatingPod("backend-5d8f7c9b4-b", "backend-5d8f7c9b4", "5d8f7c9b4", "Pending", 30),
                terminatingPod("backend-6c4b8d7f5-c", "backend-6c4b8d7f5", "6c4b8d7f5", "Running", 30));

        ObjectState state = Readiness.assess(backend(status(2, 1, 1, 1, 1)), new Related(pods, Optional.empty()));

        assertEquals("1/1 available, 3 terminating", state.summary());
        assertEquals(List.of("rollout in progress: pod backend-5d8f7c9b4-a is still terminating"
                + " and may answer requests until it stops; 2 more pods are still terminating"), state.reasons());
    }

    @Test
    void terminatingPodsComeAfterWhatTheCountsSay() {
        Map<String, Object> old = terminatingPod("backend-5d8f7c9b4-x2k9q", "backend-5d8f7c9b4", "5d8f7c9b4", "Running", 30);

        ObjectState state = Readiness.assess(backend(status(2, 2, 1, 1, 1)), new Related(List.of(old), Optional.empty()));

        assertEquals("1/1 available, 1 old pending termination, 1 terminating", state.summary());
        assertEquals(List.of("rollout in progress: 1 old replica is pending termination",
                "rollout in progress: pod backend-5d8f7c9b4-x2k9q is still terminating (grace period 30s)"
                        + " and may answer requests until it stops"), state.reasons());
    }

    @Test
    void terminatingPodsThatAreNotItsOwnOrHaveStoppedDoNotHoldItBack() {
        Map<String, Object> running = terminatingPod("backend-5d8f7c9b4-new", "backend-5d8f7c9b4", "5d8f7c9b4", "Running", 30);
        ((Map<String, Object>) running.get("metadata")).remove("deletionTimestamp");
        List<Map<String, Object>> pods = List.of(
                running,
                // another Deployment whose labels overlap: its ReplicaSet is not backend-<hash>
                terminatingPod("backend-canary-7f6d5c4b3-a", "backend-canary-7f6d5c4b3", "7f6d5c4b3", "Running", 30),
                // the hash label names a ReplicaSet that is not the pod's owner
                terminatingPod("backend-5d8f7c9b4-b", "backend-6c4b8d7f5", "5d8f7c9b4", "Running", 30),
                // owned by no ReplicaSet at all
                terminatingPod("backend-bare", null, "5d8f7c9b4", "Running", 30),
                // finished: no container runs any more
                terminatingPod("backend-5d8f7c9b4-done", "backend-5d8f7c9b4", "5d8f7c9b4", "Succeeded", 30),
                terminatingPod("backend-5d8f7c9b4-evicted", "backend-5d8f7c9b4", "5d8f7c9b4", "Failed", 30));

        ObjectState state = Readiness.assess(backend(status(2, 1, 1, 1, 1)), new Related(pods, Optional.empty()));

        assertEquals(ObjectState.ready("1/1 available"), state);
        assertEquals(ObjectState.ready("1/1 available"),
                Readiness.assess(backend(status(2, 1, 1, 1, 1)), new Related(List.of(running), Optional.empty())));
    }

    @Test
    void pvcPendingExplainsWhatIsMissing() {
        ObjectState state = Readiness.assess(obj("PersistentVolumeClaim", Map.of("phase", "Pending")), Related.NONE);
        assertEquals(List.of("no controller/provisioner has bound it yet (storageClassName: cluster default;"
                + " is there a provisioner for it, or a matching PersistentVolume?)"), state.reasons());
    }

    // ---- tree builders

    private static Arguments row(String name, Map<String, Object> live, boolean ready, String summary) {
        return Arguments.of(name, live, ready, summary);
    }

    private static Map<String, Object> obj(String kind, Map<String, Object> status) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", "v1");
        o.put("kind", kind);
        o.put("metadata", new LinkedHashMap<>(Map.of("name", "x")));
        if (status != null) {
            o.put("status", status);
        }
        return o;
    }

    /** Numbers as Integer on purpose: Readiness must not care which Number type a tree holds. */
    private static Map<String, Object> deployment(Integer replicas, long generation, Map<String, Object> status) {
        Map<String, Object> o = obj("Deployment", status);
        o.put("apiVersion", "apps/v1");
        ((Map<String, Object>) o.get("metadata")).put("generation", generation);
        Map<String, Object> spec = new LinkedHashMap<>();
        if (replicas != null) {
            spec.put("replicas", replicas);
        }
        o.put("spec", spec);
        return o;
    }

    /** Deployment backend, one replica, generation 2. */
    private static Map<String, Object> backend(Map<String, Object> status) {
        Map<String, Object> o = deployment(1, 2, status);
        ((Map<String, Object>) o.get("metadata")).put("name", "backend");
        return o;
    }

    /** A pod being deleted, owned by ReplicaSet {@code owner} (null: by none); null phase or grace: not set. */
    private static Map<String, Object> terminatingPod(String name, String owner, String hash, String phase, Integer grace) {
        Map<String, Object> pod = pod(name, phase == null ? null : new LinkedHashMap<>(Map.of("phase", phase)));
        Map<String, Object> meta = (Map<String, Object>) pod.get("metadata");
        meta.put("labels", Map.of("app", "backend", "pod-template-hash", hash));
        if (owner != null) {
            meta.put("ownerReferences", List.of(Map.of("apiVersion", "apps/v1", "kind", "ReplicaSet", "name", owner,
                    "controller", true)));
        }
        meta.put("deletionTimestamp", "2024-05-01T10:00:00Z");
        if (grace != null) {
            meta.put("deletionGracePeriodSeconds", grace);
        }
        return pod;
    }

    private static Map<String, Object> workload(String kind, Map<String, Object> status) {
        Map<String, Object> o = obj(kind, new LinkedHashMap<>(status));
        ((Map<String, Object>) o.get("metadata")).put("generation", 1);
        o.put("spec", new LinkedHashMap<>());
        return o;
    }

    private static Map<String, Object> status(long observed, int replicas, int updated, int ready, int available) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("observedGeneration", observed);
        s.put("replicas", replicas);
        s.put("updatedReplicas", updated);
        s.put("readyReplicas", ready);
        s.put("availableReplicas", available);
        return s;
    }

    private static Map<String, Object> service(String type, String clusterIp, List<Map<String, Object>> ports,
                                               Map<String, Object> status) {
        Map<String, Object> o = obj("Service", status);
        Map<String, Object> spec = new LinkedHashMap<>();
        if (type != null) {
            spec.put("type", type);
        }
        if (clusterIp != null) {
            spec.put("clusterIP", clusterIp);
        }
        spec.put("ports", new ArrayList<>(ports));
        o.put("spec", spec);
        return o;
    }

    private static Map<String, Object> pod(String name, Map<String, Object> status) {
        Map<String, Object> o = obj("Pod", status);
        ((Map<String, Object>) o.get("metadata")).put("name", name);
        return o;
    }
}
