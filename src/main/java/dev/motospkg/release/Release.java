package dev.motospkg.release;

import dev.motospkg.chart.ChartMetadata;
import java.time.Instant;
import java.util.Map;

/**
 * One revision of a release, as stored. {@code values} are what the user supplied (not the merged
 * defaults), so an upgrade can reuse them; {@code manifest} is the rendered text that was applied.
 */
public record Release(
        String name,
        String namespace,
        int revision,
        ReleaseStatus status,
        ChartMetadata chart,
        Map<String, Object> values,
        String manifest,
        Instant firstDeployed,
        Instant lastDeployed,
        String description) {

    /**
     * The same revision in another status. {@code lastDeployed} moves only when it becomes deployed:
     * being superseded, failing or being uninstalled later does not change when it was deployed.
     */
    public Release withStatus(ReleaseStatus newStatus, String newDescription, Instant now) {
        Instant deployed = newStatus == ReleaseStatus.DEPLOYED ? now : lastDeployed;
        return new Release(name, namespace, revision, newStatus, chart, values, manifest, firstDeployed, deployed,
                newDescription);
    }

    /** {@code motos.v3}: how messages name a revision. */
    public String label() {
        return name + ".v" + revision;
    }
}
