package dev.motospkg.release;

/**
 * Which cluster a revision was applied to: {@code clusterId} is the uid of the cluster's kube-system
 * namespace (stable for the cluster's life, different for every other cluster, even one at the same
 * address); {@code via} is how this machine reached it ("context minikube, server https://...").
 * {@code clusterId} is null when the user may not read kube-system.
 */
public record AppliedTo(String clusterId, String via) {
}
