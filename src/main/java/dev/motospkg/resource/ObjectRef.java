package dev.motospkg.resource;

/**
 * Identity of a Kubernetes object. Like kapp, the API version is not part of it, so an
 * apiVersion bump is an update of the same object, not a delete plus a create.
 */
public record ObjectRef(String group, String kind, String namespace, String name) {

    /** {@code Deployment/motos-app/backend}, or {@code Namespace/motos-app} for cluster-scoped objects. */
    @Override
    public String toString() {
        return namespace == null || namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
