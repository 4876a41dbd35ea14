package dev.motospkg.action;

import dev.motospkg.apply.Step;
import dev.motospkg.apply.StepPhase;
import dev.motospkg.error.MotosException;
import dev.motospkg.kube.ObjectKey;
import dev.motospkg.yaml.Trees;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one step: deletes the Job its last run left (a Job's pod template cannot change in place, so
 * it is never patched), creates it from the new revision, waits until it completes or fails, and
 * cleans up per its policy. A failure names the step and carries its last log lines.
 */
final class StepRunner {
    static final int LOG_LINES = 20;
    private static final Duration DELETE_TIMEOUT = Duration.ofMinutes(2);

    private final ActionContext ctx;

    StepRunner(ActionContext ctx) {
        this.ctx = ctx;
    }

    /** @param notApplied what the change has not applied yet (for the message when the step fails) */
    void run(Step step, StepPhase phase, Duration timeout, List<String> notApplied) {
        ObjectKey key = step.key();
        ctx.out().println("  step " + step.describe(phase) + ": running Job/" + key.name());
        ctx.out().flush();
        ctx.cluster().deleteAndWait(key, DELETE_TIMEOUT);
        ctx.cluster().apply(step.job().body(), false);
        try {
            ctx.waiter().await(List.of(key), timeout);
        } catch (MotosException e) {
            String logs = logTail(key);
            if (step.cleanup().deletes(false)) {
                ctx.cluster().delete(key);
            }
            throw MotosException.failed("step " + step.name() + " failed (Job " + key.name() + ", " + phase.wire()
                    + "): " + e.getMessage().replace("\n", "\n  ") + logs + stopped(phase, notApplied),
                    "`kubectl logs job/" + key.name() + " -n " + key.namespace() + "` shows its whole log"
                            + (step.cleanup().deletes(false) ? " (the Job was deleted: policy "
                            + step.cleanup().wire() + ")" : "") + "; fix the cause, then run the command again:"
                            + " the step runs again.");
        }
        ctx.out().println("  step " + step.name() + ": done");
        if (step.cleanup().deletes(true)) {
            ctx.cluster().delete(key);
            ctx.out().println("  deleted  " + key + " (step cleanup: " + step.cleanup().wire() + ")");
        }
        ctx.out().flush();
    }

    private static String stopped(StepPhase phase, List<String> notApplied) {
        if (!phase.before()) {
            return "\nEverything else of the new revision was applied before this post-step.";
        }
        return notApplied.isEmpty() ? "\nThe change stopped at this step."
                : "\nThe change stopped at this step; not applied: " + String.join(", ", notApplied)
                        + " (what ran before keeps running).";
    }

    /** The last lines of every container of the Job's pods, newest pod last; empty when none logged. */
    private String logTail(ObjectKey job) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> pod : pods(job)) {
            String podName = String.valueOf(Trees.at(pod, List.of("metadata", "name")));
            for (Map<String, Object> c : Trees.mapList(Trees.at(pod, List.of("spec", "containers")))) {
                String container = String.valueOf(c.get("name"));
                ctx.cluster().logTail(job.namespace(), podName, container, LOG_LINES, false)
                        .filter(text -> !text.isBlank())
                        .ifPresent(text -> out.append("\n  last log lines of pod ").append(podName)
                                .append(" (container ").append(container).append("):\n    ")
                                .append(text.strip().replace("\n", "\n    ")));
            }
        }
        return out.toString();
    }

    /** The Job's pods by its selector (the server writes controller-uid), else by job-name. */
    private List<Map<String, Object>> pods(ObjectKey job) {
        Map<String, String> labels = new LinkedHashMap<>();
        ctx.cluster().get(job).ifPresent(live -> {
            if (Trees.at(live, List.of("spec", "selector", "matchLabels")) instanceof Map<?, ?> m) {
                m.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
            }
        });
        if (labels.isEmpty()) {
            labels.put("job-name", job.name());
        }
        List<Map<String, Object>> pods = new ArrayList<>(ctx.cluster().list("v1", "Pod", job.namespace(), labels));
        pods.sort(java.util.Comparator.comparing(p -> String.valueOf(
                Trees.at(p, List.of("metadata", "creationTimestamp")))));
        return pods;
    }
}
