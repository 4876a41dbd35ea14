package dev.motospkg.kube;

/** Enough to address one object on the server. {@code namespace} is null for cluster-scoped kinds. */
public record ObjectKey(String apiVersion, String kind, String namespace, String name) {

    @Override
    public String toString() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
