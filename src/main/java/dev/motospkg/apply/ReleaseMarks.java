package dev.motospkg.apply;

/** The labels and annotations that tie a live object to its release. */
public final class ReleaseMarks {
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "motospkg";
    public static final String RELEASE_NAME = "motospkg.dev/release-name";
    public static final String RELEASE_NAMESPACE = "motospkg.dev/release-namespace";
    /** {@code keep}: never deleted by upgrade, rollback or uninstall. Helm's spelling is honoured too. */
    public static final String RESOURCE_POLICY = "motospkg.dev/resource-policy";
    public static final String HELM_RESOURCE_POLICY = "helm.sh/resource-policy";

    private ReleaseMarks() {
    }
}
