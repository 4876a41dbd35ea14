package dev.motospkg.kube;

import dev.motospkg.error.MotosException;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * {@link Cluster} on a real API server through fabric8's generic (untyped) resources, so any kind
 * the server knows works, CRDs included, and callers only ever see plain trees.
 */
public final class Fabric8Cluster implements Cluster {


    /** Used when discovery cannot tell (kind unknown to the server, discovery refused). */
    static final Set<String> CLUSTER_SCOPED_KINDS = Set.of(
            "Namespace", "Node", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PriorityClass", "APIService", "CSIDriver", "CSINode", "VolumeAttachment",
            "IngressClass", "RuntimeClass", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
            "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "CertificateSigningRequest",
            "PodSecurityPolicy", "FlowSchema", "PriorityLevelConfiguration", "ComponentStatus");

    private final KubeConnection connection;
    private final ReadAhead readAhead;
    /** apiVersion -> kind -> resource; one discovery request per apiVersion per instance. */
    private final Map<String, Map<String, APIResource>> discovery = new HashMap<>();
    /** Read once per command (it does not change while the cluster lives), maybe ahead on another thread. */
    private final FutureTask<Optional<String>> identity = new FutureTask<>(this::readIdentity);
    private final java.util.concurrent.atomic.AtomicBoolean readingAhead = new java.util.concurrent.atomic.AtomicBoolean();

    public Fabric8Cluster(KubeConnection connection) {
        this(connection, new ReadAhead());
    }

    /** @param readAhead shared with the other parts of the command that read from the same server */
    public Fabric8Cluster(KubeConnection connection, ReadAhead readAhead) {
        this.connection = connection;
        this.readAhead = Objects.requireNonNull(readAhead, "readAhead");
    }

    @Override
    public String describe() {
        return connection.describe();
    }

    /** HTTP requests sent so far through the connection (for tests and diagnostics). */
    public long requestCount() {
        return connection.requestCount();
    }

    /** On a daemon thread: setting up the client, the TLS handshake and the first request. */
    @Override
    public void readIdentityAhead() {
        if (identity.isDone() || !readingAhead.compareAndSet(false, true)) {
            return;
        }
        Thread reader = new Thread(identity, "motospkg-identity");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public Optional<String> identity() {
        identity.run(); // does nothing once started (here or ahead); get() then waits for it
        try {
            return identity.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MotosException.failed("interrupted while reading the cluster's identity", null);
        }
    }

    /**
     * One LIST of all Namespaces rather than a GET of kube-system: the same request also answers the
     * GET of the release's Namespace that follows (or tells it is absent). Falls back to the GET when
     * listing Namespaces is denied.
     */
    private Optional<String> readIdentity() {
        APIResource namespaces = BUILT_IN.get("v1").get("Namespace");
        try {
            List<Map<String, Object>> all = scoped("v1", namespaces, null).list().getItems().stream()
                    .map(this::toTree).toList();
            readAhead.learn("v1", "Namespace", null, all, true);
            return all.stream().filter(n -> "kube-system".equals(KubeTrees.string(n, "metadata", "name")))
                    .findFirst().map(n -> KubeTrees.string(n, "metadata", "uid"));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw KubeErrors.translate("list", "Namespaces", e, connection);
            }
        }
        try {
            var kubeSystem = connection.client().namespaces().withName("kube-system").get();
            return Optional.ofNullable(kubeSystem == null ? null : kubeSystem.getMetadata().getUid());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw KubeErrors.translate("get", "Namespace/kube-system", e, connection);
            }
            return Optional.empty(); // RBAC may hide kube-system from a namespace-scoped user: no identity
        }
    }

    @Override
    public Optional<String> logTail(String namespace, String pod, String container, int lines, boolean previous) {
        try {
            var log = connection.client().pods().inNamespace(namespace).withName(pod).inContainer(container);
            return Optional.ofNullable((previous ? log.terminated() : log).tailingLines(lines).getLog());
        } catch (RuntimeException e) {
            return Optional.empty(); // a message helper: the log may be gone with its pod
        }
    }

    @Override
    public Optional<Map<String, Object>> get(ObjectKey key) {
        Optional<APIResource> resource = resourceFor(key.apiVersion(), key.kind());
        if (resource.isEmpty()) {
            return Optional.empty(); // the server does not know the kind, so no such object either
        }
        Optional<Optional<Map<String, Object>>> known = readAhead.take(key);
        if (known.isPresent()) {
            return known.get();
        }
        try {
            GenericKubernetesResource found = scoped(key.apiVersion(), resource.get(), key.namespace())
                    .withName(key.name()).get();
            return Optional.ofNullable(found).map(this::toTree);
        } catch (RuntimeException e) {
            throw KubeErrors.translate("get", key.toString(), e, connection);
        }
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> body, boolean dryRun) {
        String apiVersion = KubeTrees.string(body, "apiVersion");
        String kind = KubeTrees.string(body, "kind");
        String name = KubeTrees.string(body, "metadata", "name");
        if (apiVersion == null || kind == null || name == null) {
            throw MotosException.invalid("cannot apply an object without apiVersion, kind and metadata.name: "
                    + "apiVersion=" + apiVersion + ", kind=" + kind + ", name=" + name, null);
        }
        String namespace = KubeTrees.string(body, "metadata", "namespace");
        String what = namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
        APIResource resource = resourceFor(apiVersion, kind).orElseThrow(() -> MotosException.failed(
                "cannot apply " + what + " (" + connection.describe() + "): the server has no kind " + kind
                        + " in apiVersion " + apiVersion,
                "install its CustomResourceDefinition first, or fix apiVersion (`kubectl api-resources` lists them)"));
        Map<String, Object> sent = Boolean.TRUE.equals(resource.getNamespaced()) ? body : withoutNamespace(body);
        if (!dryRun) {
            readAhead.forget(new ObjectKey(apiVersion, kind, Boolean.TRUE.equals(resource.getNamespaced())
                    ? namespace : null, name));
        }
        try {
            GenericKubernetesResource item = connection.client().getKubernetesSerialization()
                    .convertValue(sent, GenericKubernetesResource.class);
            Resource<GenericKubernetesResource> target = scoped(apiVersion, resource, namespace).resource(item);
            GenericKubernetesResource stored = dryRun
                    ? target.dryRun().fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply()
                    : target.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            return toTree(stored);
        } catch (RuntimeException e) {
            throw KubeErrors.translate(dryRun ? "apply (dry run)" : "apply", what, e, connection);
        }
    }

    @Override
    public boolean delete(ObjectKey key) {
        Optional<APIResource> resource = resourceFor(key.apiVersion(), key.kind());
        if (resource.isEmpty()) {
            return false;
        }
        readAhead.forget(key);
        try {
            // background: the server answers at once and the garbage collector removes dependents
            return !scoped(key.apiVersion(), resource.get(), key.namespace()).withName(key.name())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete().isEmpty();
        } catch (RuntimeException e) {
            throw KubeErrors.translate("delete", key.toString(), e, connection);
        }
    }

    @Override
    public void deleteAndWait(ObjectKey key, Duration timeout) {
        Map<String, String> podSelector = get(key).map(Fabric8Cluster::podSelector).orElse(Map.of());
        if (!delete(key)) {
            return;
        }
        Resource<GenericKubernetesResource> target = scoped(key.apiVersion(),
                resourceFor(key.apiVersion(), key.kind()).orElseThrow(), key.namespace()).withName(key.name());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            target.waitUntilCondition(Objects::isNull, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            Object finalizers = get(key).map(o -> o.get("metadata") instanceof Map<?, ?> m ? m.get("finalizers") : null)
                    .orElse(null);
            throw MotosException.failed(key + " was deleted but is still there after " + timeout.toSeconds()
                    + " s (finalizers " + finalizers + "); it was not created again",
                    "See `kubectl get` on it; once it is gone, run the command again to create it.");
        } catch (RuntimeException e) {
            throw KubeErrors.translate("wait for the deletion of", key.toString(), e, connection);
        }
        // A background delete leaves the pods terminating: wait for them too, so the new object's
        // pods never run beside the old ones (two postgres on one data directory).
        awaitNoPods(key, podSelector, deadline, timeout, key + " was deleted but its pods (" + podSelector
                + ") are still stopping after " + timeout.toSeconds() + " s; it was not created again",
                "See `kubectl get pods -l` on them; once they are gone, run the command again to create it.");
    }

    @Override
    public int scaleToZeroAndWait(ObjectKey key, Duration timeout) {
        Map<String, Object> live = get(key).orElseThrow(() -> MotosException.failed("cannot stop " + key
                + ": it does not exist", "See `kubectl get " + key.kind().toLowerCase(java.util.Locale.ROOT) + " -n "
                + key.namespace() + "`."));
        Object replicas = live.get("spec") instanceof Map<?, ?> spec ? spec.get("replicas") : null;
        long deadline = System.nanoTime() + timeout.toNanos();
        strategicMergePatch(key, Map.of("spec", Map.of("replicas", 0)), false);
        awaitNoPods(key, podSelector(live), deadline, timeout, key + " was scaled to 0 but its pods are still"
                + " stopping after " + timeout.toSeconds() + " s", "See `kubectl get pods -n " + key.namespace()
                + "`; once they are gone, run the command again.");
        return replicas instanceof Number n ? n.intValue() : 1;
    }

    private void awaitNoPods(ObjectKey key, Map<String, String> podSelector, long deadline, Duration timeout,
            String timedOut, String timedOutHint) {
        if (podSelector.isEmpty()) {
            return;
        }
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try {
            connection.client().pods().inNamespace(key.namespace()).withLabels(podSelector)
                    .informOnCondition(List::isEmpty).get(left, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw MotosException.failed(timedOut, timedOutHint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MotosException.failed("interrupted while waiting for the pods of " + key + " to stop",
                    "Run the command again: it carries on from where the release is.");
        } catch (java.util.concurrent.ExecutionException e) {
            throw KubeErrors.translate("wait for the pods of", key.toString(), e.getCause() instanceof RuntimeException r
                    ? r : new IllegalStateException(e.getCause()), connection);
        } catch (RuntimeException e) {
            throw KubeErrors.translate("wait for the pods of", key.toString(), e, connection);
        }
    }

    /** The matchLabels of a workload's pod selector; empty for anything else. */
    private static Map<String, String> podSelector(Map<String, Object> object) {
        Object spec = object.get("spec");
        Object selector = spec instanceof Map<?, ?> s ? s.get("selector") : null;
        Object labels = selector instanceof Map<?, ?> m && object.get("kind") != null
                && !"Service".equals(object.get("kind")) ? m.get("matchLabels") : null;
        Map<String, String> out = new LinkedHashMap<>();
        if (labels instanceof Map<?, ?> l) {
            l.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    @Override
    public void writeManagedFields(ObjectKey key, List<Map<String, Object>> managedFields, String resourceVersion) {
        List<Map<String, Object>> ops = List.of(
                Map.of("op", "replace", "path", "/metadata/managedFields", "value", managedFields),
                // replace, not test: a changed object then fails with 409 Conflict at the storage layer
                Map.of("op", "replace", "path", "/metadata/resourceVersion", "value", resourceVersion));
        patch(key, PatchType.JSON, ops, false, "take over the fields of");
    }

    @Override
    public Map<String, Object> dryRunMergePatch(ObjectKey key, Map<String, Object> patch) {
        return patch(key, PatchType.JSON_MERGE, patch, true, "preview (dry run)");
    }

    @Override
    public Map<String, Object> strategicMergePatch(ObjectKey key, Map<String, Object> patch, boolean dryRun) {
        return patch(key, PatchType.STRATEGIC_MERGE, patch, dryRun, dryRun ? "patch (dry run)" : "patch");
    }

    private Map<String, Object> patch(ObjectKey key, PatchType type, Object body, boolean dryRun, String verb) {
        APIResource resource = resourceFor(key.apiVersion(), key.kind()).orElseThrow(() -> MotosException.failed(
                "cannot " + verb + " " + key + ": the server has no kind " + key.kind(), null));
        if (!dryRun) {
            readAhead.forget(key);
        }
        try {
            String json = connection.client().getKubernetesSerialization().asJson(body);
            PatchContext context = new PatchContext.Builder().withPatchType(type).withFieldManager(FIELD_MANAGER)
                    .withDryRun(dryRun ? List.of("All") : null).build();
            return toTree(scoped(key.apiVersion(), resource, key.namespace()).withName(key.name()).patch(context, json));
        } catch (RuntimeException e) {
            throw KubeErrors.translate(verb, key.toString(), e, connection);
        }
    }

    @Override
    public List<Map<String, Object>> list(String apiVersion, String kind, String namespace, Map<String, String> labels) {
        Optional<APIResource> resource = resourceFor(apiVersion, kind);
        if (resource.isEmpty()) {
            return List.of();
        }
        try {
            GenericKubernetesResourceList found = scoped(apiVersion, resource.get(), namespace)
                    .withLabels(labels == null ? Map.of() : labels).list();
            return found.getItems().stream().map(this::toTree).toList();
        } catch (RuntimeException e) {
            throw KubeErrors.translate("list", kind + " in namespace " + namespace, e, connection);
        }
    }

    @Override
    public boolean isNamespaced(String apiVersion, String kind) {
        return resourceFor(apiVersion, kind)
                .map(r -> Boolean.TRUE.equals(r.getNamespaced()))
                .orElse(!CLUSTER_SCOPED_KINDS.contains(kind));
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> scoped(String apiVersion, APIResource resource, String namespace) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> ops =
                connection.client().genericKubernetesResources(ResourceDefinitionContext.fromApiResource(apiVersion, resource));
        if (!Boolean.TRUE.equals(resource.getNamespaced())) {
            return ops;
        }
        return namespace == null ? ops.inNamespace(connection.defaultNamespace()) : ops.inNamespace(namespace);
    }

    /**
     * Kinds every API server since 1.16 serves: known without a discovery request, which saves two
     * round trips on every command (a no-op upgrade is otherwise a third discovery).
     */
    private static final Map<String, Map<String, APIResource>> BUILT_IN = Map.of(
            "v1", Map.of(
                    "Namespace", resource("namespaces", "Namespace", false),
                    "PersistentVolumeClaim", resource("persistentvolumeclaims", "PersistentVolumeClaim", true),
                    "Secret", resource("secrets", "Secret", true),
                    "ConfigMap", resource("configmaps", "ConfigMap", true),
                    "Service", resource("services", "Service", true),
                    "ServiceAccount", resource("serviceaccounts", "ServiceAccount", true),
                    "Pod", resource("pods", "Pod", true)),
            "apps/v1", Map.of(
                    "Deployment", resource("deployments", "Deployment", true),
                    "StatefulSet", resource("statefulsets", "StatefulSet", true),
                    "DaemonSet", resource("daemonsets", "DaemonSet", true),
                    "ReplicaSet", resource("replicasets", "ReplicaSet", true)));

    private static APIResource resource(String plural, String kind, boolean namespaced) {
        return new io.fabric8.kubernetes.api.model.APIResourceBuilder().withName(plural).withKind(kind)
                .withNamespaced(namespaced).build();
    }

    /** Empty when the server does not know the kind (or refuses discovery). */
    private synchronized Optional<APIResource> resourceFor(String apiVersion, String kind) {
        APIResource known = BUILT_IN.getOrDefault(apiVersion, Map.of()).get(kind);
        if (known != null) {
            return Optional.of(known);
        }
        Map<String, APIResource> kinds = discovery.get(apiVersion);
        if (kinds == null) {
            kinds = discover(apiVersion);
            discovery.put(apiVersion, kinds);
        }
        return Optional.ofNullable(kinds.get(kind));
    }

    private Map<String, APIResource> discover(String apiVersion) {
        KubernetesClient client = connection.client();
        APIResourceList list;
        try {
            list = client.getApiResources(apiVersion);
        } catch (KubernetesClientException e) {
            if (KubeErrors.connectionFailure(e) != null || e.getCode() == 0) {
                throw KubeErrors.unreachable(connection, e);
            }
            return Map.of(); // 404: group/version not served; 403: discovery denied -> fall back
        } catch (RuntimeException e) {
            throw KubeErrors.translate("discover", apiVersion, e, connection);
        }
        if (list == null && "v1".equals(apiVersion)) {
            // every API server serves core v1: something else (a proxy, a web server) answered
            throw KubeErrors.notKubernetes(connection, "/api/v1");
        }
        Map<String, APIResource> kinds = new HashMap<>();
        if (list != null && list.getResources() != null) {
            for (APIResource r : list.getResources()) {
                if (!r.getName().contains("/")) { // "deployments/status" etc. are subresources
                    kinds.putIfAbsent(r.getKind(), r);
                }
            }
        }
        return kinds;
    }

    private Map<String, Object> toTree(GenericKubernetesResource resource) {
        Object tree = connection.client().getKubernetesSerialization().convertValue(resource, Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) KubeTrees.normalize(tree);
        return map;
    }

    private static Map<String, Object> withoutNamespace(Map<String, Object> body) {
        if (!(body.get("metadata") instanceof Map<?, ?> metadata) || !metadata.containsKey("namespace")) {
            return body;
        }
        Map<String, Object> copy = new LinkedHashMap<>(body);
        Map<Object, Object> meta = new LinkedHashMap<>(metadata);
        meta.remove("namespace");
        copy.put("metadata", meta);
        return copy;
    }
}
