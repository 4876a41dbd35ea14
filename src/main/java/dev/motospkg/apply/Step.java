package dev.motospkg.apply;

import dev.motospkg.kube.ObjectKey;
import java.util.List;
import java.util.Set;

/**
 * A Job the chart declares as a step of the release rather than as an object to keep in sync: it
 * is created anew (the previous run's Job deleted first) each time its phase comes, waited for,
 * and a failure stops the change before the objects that come after it.
 *
 * @param after objects ("Deployment/postgres") applied and waited ready before a pre-* step runs
 * @param waitsFor objects waited ready as they run now (not applied first) before a pre-* step runs
 * @param helm  declared with Helm's {@code helm.sh/hook} annotations rather than motospkg's
 * @param when  every time, only before a risky change, or only to restore data
 * @param records what the end of its log reports (a backup written, the database's schema state)
 * @param stops workloads ("Deployment/backend") scaled to 0 before a restore step runs, so nothing
 *              writes while the data is put back; the revision's apply brings them back
 */
public record Step(DesiredObject job, Set<StepPhase> phases, int weight, List<String> after, List<String> waitsFor,
        StepCleanup cleanup, boolean helm, StepWhen when, StepRecords records, List<String> stops) {

    public Step {
        phases = Set.copyOf(phases);
        after = List.copyOf(after);
        waitsFor = List.copyOf(waitsFor);
        stops = List.copyOf(stops);
    }

    public boolean backup() {
        return records == StepRecords.BACKUP;
    }

    public String name() {
        return job.key().name();
    }

    public ObjectKey key() {
        return job.key();
    }

    public boolean runsIn(StepPhase phase) {
        return phases.contains(phase);
    }

    /** "migrate (Job, pre-upgrade, after Deployment/postgres, Service/postgres)": for plans and progress. */
    public String describe(StepPhase phase) {
        return name() + " (Job, " + phase.wire() + (weight != 0 ? ", weight " + weight : "")
                + (after.isEmpty() || !phase.before() ? "" : ", after " + String.join(", ", after) + " are ready")
                + (waitsFor.isEmpty() || !phase.before() ? "" : ", once " + String.join(", ", waitsFor)
                        + " are ready as they run now")
                + (when == StepWhen.RISKY ? ", only before a risky change" : "")
                + (when == StepWhen.RESTORE ? ", only with --restore-data" + (stops.isEmpty() ? ""
                        : ", " + String.join(", ", stops) + " scaled to 0 first") : "")
                + (records == StepRecords.SCHEMA ? ", checks the database's schema before anything changes" : "")
                + (helm ? ", from helm.sh/hook" : "") + ")";
    }
}
