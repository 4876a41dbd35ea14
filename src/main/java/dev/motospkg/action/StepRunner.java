package dev.motospkg.action;

import dev.motospkg.apply.Step;
import dev.motospkg.apply.StepPhase;
import dev.motospkg.apply.StepRecords;
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

    /** What a step reported: the backup it wrote, or the migrations the database has that the revision does not know. */
    record Outcome(Optional<Backup> backup, Optional<List<String>> schemaAhead) {
    }

    /**
     * @param phase      the phase it runs in; null when run on demand ({@code motospkg backup})
     * @param notApplied what the change has not applied yet (for the message when the step fails)
     * @param revision   the revision being made (what a backup is taken before)
     * @param env        set on every container of the Job (e.g. the backups a restore step restores)
     */
    Outcome run(Step step, StepPhase phase, Duration timeout, List<String> notApplied, int revision,
            Map<String, String> env) {
        ObjectKey key = step.key();
        String when = phase == null ? "on demand" : phase.wire();
        ctx.out().println("  step " + (phase == null ? step.name() + " (Job, on demand)" : step.describe(phase))
                + ": running Job/" + key.name());
        ctx.out().flush();
        ctx.cluster().deleteAndWait(key, DELETE_TIMEOUT);
        ctx.cluster().apply(withEnv(step.job().body(), env), false);
        try {
            ctx.waiter().await(List.of(key), timeout);
        } catch (MotosException e) {
            String logs = logTail(key);
            if (step.cleanup().deletes(false)) {
                ctx.cluster().delete(key);
            }
            throw MotosException.failed("step " + step.name() + " failed (Job " + key.name() + ", " + when
                    + "): " + e.getMessage().replace("\n", "\n  ") + logs + stopped(phase, notApplied),
                    "`kubectl logs job/" + key.name() + " -n " + key.namespace() + "` shows its whole log"
                            + (step.cleanup().deletes(false) ? " (the Job was deleted: policy "
                            + step.cleanup().wire() + ")" : "") + "; fix the cause, then run the command again:"
                            + " the step runs again.");
        }
        Optional<Backup> backup = step.backup() ? Optional.of(backup(step, revision)) : Optional.empty();
        Optional<List<String>> ahead = step.records() == StepRecords.SCHEMA ? Optional.of(schemaAhead(step))
                : Optional.empty();
        ctx.out().println("  step " + step.name() + ": done" + backup.map(b -> " (backup " + b.name() + ", "
                + b.size() + " bytes, sha256 " + b.sha256() + ")").orElse(""));
        if (step.when() == dev.motospkg.apply.StepWhen.RESTORE) {
            // what it put back, and where it kept what was there: the user's way back
            logLines(step).stream().filter(l -> l.startsWith("restored ")).forEach(l -> ctx.out().println("    " + l));
        }
        if (step.cleanup().deletes(true)) {
            ctx.cluster().delete(key);
            ctx.out().println("  deleted  " + key + " (step cleanup: " + step.cleanup().wire() + ")");
        }
        ctx.out().flush();
        return new Outcome(backup, ahead);
    }

    /** The last {@code motospkg-backup name=... size=... sha256=...} line of the Job's log. */
    private Backup backup(Step step, int revision) {
        Map<String, String> fields = reported(step).orElse(Map.of());
        try {
            return new Backup(step.name(), java.util.Objects.requireNonNull(fields.get("name")),
                    Long.parseLong(fields.get("size")), java.util.Objects.requireNonNull(fields.get("sha256")), revision);
        } catch (RuntimeException e) {
            throw notReported(step, "which backup it wrote", "motospkg-backup name=... size=... sha256=...");
        }
    }

    /** The last {@code motospkg-schema ahead=a,b} line: the migrations applied that the step's image does not know. */
    private List<String> schemaAhead(Step step) {
        String ahead = reported(step).map(f -> f.get("ahead")).orElseThrow(() -> notReported(step,
                "whether the database is ahead of this revision", "motospkg-schema ahead=..."));
        return java.util.Arrays.stream(ahead.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    private MotosException notReported(Step step, String what, String line) {
        ObjectKey key = step.key();
        return MotosException.failed("step " + step.name() + " completed but its log does not say " + what
                + " (no line `" + line + "`); the change stopped here",
                "`kubectl logs job/" + key.name() + " -n " + key.namespace() + "` shows what it did; the Job must"
                        + " end by printing that line.");
    }

    /** The last lines of the logs of the Job's pods, oldest pod first. */
    private List<String> logLines(Step step) {
        ObjectKey key = step.key();
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> pod : pods(key)) {
            for (Map<String, Object> c : Trees.mapList(Trees.at(pod, List.of("spec", "containers")))) {
                String text = ctx.cluster().logTail(key.namespace(), String.valueOf(Trees.at(pod,
                        List.of("metadata", "name"))), String.valueOf(c.get("name")), LOG_LINES, false).orElse("");
                lines.addAll(List.of(text.split("\n")));
            }
        }
        return lines;
    }

    /** The fields of the last line of the Job's log that starts with the step's report prefix. */
    private Optional<Map<String, String>> reported(Step step) {
        String prefix = step.records().linePrefix();
        String line = null;
        for (String l : logLines(step)) {
            if (l.startsWith(prefix) || l.strip().equals(prefix.strip())) {
                line = l.strip();
            }
        }
        if (line == null) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : line.substring(prefix.strip().length()).strip().split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return Optional.of(fields);
    }

    /** A copy of the Job with {@code env} added to each of its containers (replacing same-named entries). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withEnv(Map<String, Object> job, Map<String, String> env) {
        if (env.isEmpty()) {
            return job;
        }
        Map<String, Object> copy = Trees.deepCopy(job);
        for (Map<String, Object> c : Trees.mapList(Trees.at(copy, List.of("spec", "template", "spec", "containers")))) {
            List<Object> entries = new ArrayList<>(c.get("env") instanceof List<?> l ? (List<Object>) l : List.of());
            entries.removeIf(e -> e instanceof Map<?, ?> m && env.containsKey(String.valueOf(m.get("name"))));
            env.forEach((name, value) -> entries.add(new LinkedHashMap<>(Map.of("name", name, "value", value))));
            c.put("env", entries);
        }
        return copy;
    }

    private static String stopped(StepPhase phase, List<String> notApplied) {
        if (phase == null) {
            return "\nNothing else was changed.";
        }
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
