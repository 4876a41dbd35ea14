package dev.motospkg.action;

/**
 * Who the render is for: release name and namespace as given on the command line (either may be
 * null: the name defaults to the chart's, the namespace to the {@code namespace} value).
 */
public record ReleaseTarget(String name, String namespace) {

    public static ReleaseTarget defaults() {
        return new ReleaseTarget(null, null);
    }
}
