package dev.motospkg.kube;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the actions need from a Kubernetes API server, in plain trees (maps, lists, scalars) so no
 * client library type leaves the kube package. {@code Fabric8Cluster} talks to a real server.
 */
public interface Cluster {

    /**
     * The one field manager of every motospkg write (apply, patches, Leases): what managedFields
     * record as ours, so drift by others can be told from our own writes.
     */
    String FIELD_MANAGER = "motospkg";

    /** "context minikube, server https://192.168.49.2:8443": for messages. */
    String describe();

    /**
     * The cluster's identity, the uid of its kube-system namespace (what tells two clusters apart
     * even at one address); empty when the user may not read it. Connection failures throw.
     */
    default Optional<String> identity() {
        return Optional.empty();
    }

    /**
     * Starts reading {@link #identity()} in the background, for a command that will announce its
     * target once it has done its local work; {@link #identity()} then waits for it.
     */
    default void readIdentityAhead() {
    }

    Optional<Map<String, Object>> get(ObjectKey key);

    /**
     * Server-side apply with field manager {@link #FIELD_MANAGER}, taking over conflicting fields (force).
     * Returns the object as the server stored it (or would store it, for a dry run).
     */
    Map<String, Object> apply(Map<String, Object> body, boolean dryRun);

    /** Deletes if present; returns false when it was already gone. */
    boolean delete(ObjectKey key);

    // The three below serve --adopt and --force only; a read-only Cluster (the waiter's) need not have them.

    /**
     * Scales a workload to 0 replicas and returns once none of its pods is left (so nothing writes
     * to its volumes any more), failing after {@code timeout}; returns the replicas it had.
     */
    default int scaleToZeroAndWait(ObjectKey key, java.time.Duration timeout) {
        throw new UnsupportedOperationException("scaleToZeroAndWait");
    }

    /** Deletes and returns once the object is gone (its finalizers done), failing after {@code timeout}. */
    default void deleteAndWait(ObjectKey key, java.time.Duration timeout) {
        throw new UnsupportedOperationException("deleteAndWait");
    }

    /**
     * Replaces the object's managedFields, only if it is still at {@code resourceVersion} (a
     * conflict fails): how field ownership is handed over without touching anything else.
     */
    default void writeManagedFields(ObjectKey key, List<Map<String, Object>> managedFields, String resourceVersion) {
        throw new UnsupportedOperationException("writeManagedFields");
    }

    /** A strategic merge patch (the server's own kinds only); with dryRun, what it would store. */
    default Map<String, Object> strategicMergePatch(ObjectKey key, Map<String, Object> patch, boolean dryRun) {
        throw new UnsupportedOperationException("strategicMergePatch");
    }

    /** What the server would store after a JSON merge patch (RFC 7386) of the object; writes nothing. */
    default Map<String, Object> dryRunMergePatch(ObjectKey key, Map<String, Object> patch) {
        throw new UnsupportedOperationException("dryRunMergePatch");
    }

    /** Objects of one kind in a namespace matching all the given labels. */
    List<Map<String, Object>> list(String apiVersion, String kind, String namespace, Map<String, String> labels);

    /**
     * The last lines a pod's container logged ({@code previous}: of its last terminated run), or
     * empty when there is no such log. For failure messages only: never fails.
     */
    default Optional<String> logTail(String namespace, String pod, String container, int lines, boolean previous) {
        return Optional.empty();
    }

    /** Whether objects of this kind live in a namespace (false for Namespace, PersistentVolume, ...). */
    boolean isNamespaced(String apiVersion, String kind);
}
