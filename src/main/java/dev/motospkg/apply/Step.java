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
 * @param when  every time, or only before a risky change
 * @param backup the Job writes a backup and ends its log with a {@code motospkg-backup name=... size=...
 *               sha256=...} line, recorded in the revision
 */
public record Step(DesiredObject job, Set<StepPhase> phases, int weight, List<String> after, List<String> waitsFor,
        StepCleanup cleanup, boolean helm, StepWhen when, boolean backup) {

    public Step {
        phases = Set.copyOf(phases);
        after = List.copyOf(after);
        waitsFor = List.copyOf(waitsFor);
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
                + (helm ? ", from helm.sh/hook" : "") + ")";
    }
}
