package dev.motospkg.release;

import dev.motospkg.chart.ChartMetadata;
import java.time.Instant;
import java.util.Map;

/**
 * One revision of a release, as stored. {@code values} are what the user supplied (not the merged
 * defaults), so an upgrade can reuse them; {@code manifest} is the rendered text that was applied;
 * {@code appliedTo} the cluster it was applied to (null in revisions written before it was recorded);
 * {@code images} what its pods ran after {@code --wait} (null when it did not wait); {@code restartedAt}
 * the pod-template restart stamp it carries (set by {@code upgrade --restart}, kept by later revisions).
 * {@code backups}: the backups taken before it (the database's, the media's), or null.
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
        String description,
        AppliedTo appliedTo,
        java.util.List<RunningImage> images,
        Instant restartedAt,
        java.util.List<Backup> backups) {

    /** A revision that records no cluster and no backup (written before motospkg recorded them, or by tests). */
    public Release(String name, String namespace, int revision, ReleaseStatus status, ChartMetadata chart,
            Map<String, Object> values, String manifest, Instant firstDeployed, Instant lastDeployed, String description) {
        this(name, namespace, revision, status, chart, values, manifest, firstDeployed, lastDeployed, description, null,
                null, null, null);
    }

    /**
     * The same revision in another status. {@code lastDeployed} moves only when it becomes deployed:
     * being superseded, failing or being uninstalled later does not change when it was deployed.
     */
    public Release withStatus(ReleaseStatus newStatus, String newDescription, Instant now) {
        Instant deployed = newStatus == ReleaseStatus.DEPLOYED ? now : lastDeployed;
        return new Release(name, namespace, revision, newStatus, chart, values, manifest, firstDeployed, deployed,
                newDescription, appliedTo, images, restartedAt, backups);
    }

    /** The same revision with the images its pods were found running after the wait. */
    public Release withImages(java.util.List<RunningImage> running) {
        return new Release(name, namespace, revision, status, chart, values, manifest, firstDeployed, lastDeployed,
                description, appliedTo, running, restartedAt, backups);
    }

    /** The same revision with one more backup taken before it. */
    public Release withBackup(Backup taken) {
        java.util.List<Backup> all = new java.util.ArrayList<>(backups == null ? java.util.List.of() : backups);
        all.add(taken);
        return new Release(name, namespace, revision, status, chart, values, manifest, firstDeployed, lastDeployed,
                description, appliedTo, images, restartedAt, java.util.List.copyOf(all));
    }

    /** The backups taken before it; empty when none. */
    public java.util.List<Backup> backupList() {
        return backups == null ? java.util.List.of() : backups;
    }

    /** {@code motos.v3}: how messages name a revision. */
    public String label() {
        return name + ".v" + revision;
    }
}
