package dev.motospkg.action;

import dev.motospkg.apply.Step;
import dev.motospkg.apply.StepPhase;
import dev.motospkg.error.MotosException;
import dev.motospkg.kube.ObjectKey;
import dev.motospkg.release.Backup;
import dev.motospkg.yaml.Trees;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * @param notApplied what the change has not applied yet (for the message when the step fails)
     * @param revision   the revision being made (what a backup is taken before)
     * @return the backup the step reported, for a {@code step-records: backup} step
     */
    Optional<Backup> run(Step step, StepPhase phase, Duration timeout, List<String> notApplied, int revision) {
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
        Optional<Backup> backup = step.backup() ? Optional.of(backup(step, revision)) : Optional.empty();
        ctx.out().println("  step " + step.name() + ": done" + backup.map(b -> " (backup " + b.name() + ", "
                + b.size() + " bytes, sha256 " + b.sha256() + ")").orElse(""));
        if (step.cleanup().deletes(true)) {
            ctx.cluster().delete(key);
            ctx.out().println("  deleted  " + key + " (step cleanup: " + step.cleanup().wire() + ")");
        }
        ctx.out().flush();
        return backup;
    }

    /** The last {@code motospkg-backup name=... size=... sha256=...} line of the Job's log. */
    private Backup backup(Step step, int revision) {
        ObjectKey key = step.key();
        String line = null;
        for (Map<String, Object> pod : pods(key)) {
            for (Map<String, Object> c : Trees.mapList(Trees.at(pod, List.of("spec", "containers")))) {
                String text = ctx.cluster().logTail(key.namespace(), String.valueOf(Trees.at(pod,
                        List.of("metadata", "name"))), String.valueOf(c.get("name")), LOG_LINES, false).orElse("");
                for (String l : text.split("\n")) {
                    if (l.startsWith("motospkg-backup ")) {
                        line = l.strip();
                    }
                }
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (line != null) {
            for (String part : line.substring("motospkg-backup ".length()).split(" ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    fields.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        }
        try {
            return new Backup(java.util.Objects.requireNonNull(fields.get("name")),
                    Long.parseLong(fields.get("size")), java.util.Objects.requireNonNull(fields.get("sha256")), revision);
        } catch (RuntimeException e) {
            throw MotosException.failed("step " + step.name() + " completed but its log does not say which backup it"
                    + " wrote (no line `motospkg-backup name=... size=... sha256=...`); the change stopped here",
                    "`kubectl logs job/" + key.name() + " -n " + key.namespace() + "` shows what it did; the Job must"
                            + " end by printing that line.");
        }
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
