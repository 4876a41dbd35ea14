package dev.motospkg.apply;

import dev.motospkg.error.MotosException;
import dev.motospkg.yaml.Trees;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the steps among a revision's objects: templates annotated {@code motospkg.dev/step} (or
 * Helm's {@code helm.sh/hook}, read so a Helm chart's hooks are never applied as plain objects).
 *
 * <pre>
 * motospkg.dev/step: pre-install,pre-upgrade          phases (Helm's hook names)
 * motospkg.dev/step-weight: "0"                        order among the steps of a phase
 * motospkg.dev/step-after: Deployment/postgres         applied and ready before a pre-* step runs
 * motospkg.dev/step-waits-for: Deployment/postgres     ready as it runs now (not applied first)
 * motospkg.dev/step-cleanup: keep-last                 or delete-on-success, delete-on-failure, delete-always
 * motospkg.dev/step-when: risky                        only before a risky change (default always);
 *                                                      restore: only in rollback --restore-data
 * motospkg.dev/step-records: backup                    its log's last motospkg-backup line is recorded;
 *                                                      schema: its motospkg-schema line says if the database is ahead
 * motospkg.dev/step-stops: Deployment/backend          (restore steps) scaled to 0 before it runs
 * </pre>
 */
public final class Steps {
    public static final String STEP = "motospkg.dev/step";
    public static final String WEIGHT = "motospkg.dev/step-weight";
    public static final String AFTER = "motospkg.dev/step-after";
    public static final String WAITS_FOR = "motospkg.dev/step-waits-for";
    public static final String CLEANUP = "motospkg.dev/step-cleanup";
    public static final String WHEN = "motospkg.dev/step-when";
    public static final String RECORDS = "motospkg.dev/step-records";
    public static final String STOPS = "motospkg.dev/step-stops";
    static final String HELM_HOOK = "helm.sh/hook";
    static final String HELM_WEIGHT = "helm.sh/hook-weight";
    static final String HELM_DELETE_POLICY = "helm.sh/hook-delete-policy";

    /** A revision's objects to keep in sync, and its steps in run order (weight, then name). */
    public record Split(List<DesiredObject> objects, List<Step> steps) {

        public List<Step> in(StepPhase phase) {
            return steps.stream().filter(s -> s.runsIn(phase)).toList();
        }
    }

    private Steps() {
    }

    /** Whether the object is declared as a step (valid or not: either way it is never applied as an object). */
    public static boolean isStep(DesiredObject d) {
        Map<?, ?> a = annotations(d);
        return a.containsKey(STEP) || a.containsKey(HELM_HOOK);
    }

    /** Throws a MotosException naming the template when a step is declared wrongly or cannot be run. */
    public static Split split(List<DesiredObject> all) {
        List<DesiredObject> objects = new ArrayList<>();
        List<DesiredObject> declared = new ArrayList<>();
        for (DesiredObject d : all) {
            (isStep(d) ? declared : objects).add(d);
        }
        Set<String> present = new HashSet<>();
        objects.forEach(o -> present.add(o.kind() + "/" + o.key().name()));
        List<Step> steps = new ArrayList<>();
        for (DesiredObject d : declared) {
            steps.add(parse(d, present));
        }
        steps.sort(Comparator.comparingInt(Step::weight).thenComparing(Step::name));
        return new Split(objects, steps);
    }

    /** Objects that are not steps (a stored revision's, for planning against). */
    public static List<DesiredObject> objectsOnly(List<DesiredObject> all) {
        return all.stream().filter(d -> !isStep(d)).toList();
    }

    private static Step parse(DesiredObject d, Set<String> present) {
        Map<?, ?> a = annotations(d);
        boolean helm = !a.containsKey(STEP);
        String where = d.key() + " (" + d.source() + ")";
        String phasesText = String.valueOf(a.get(helm ? HELM_HOOK : STEP));
        if (!d.kind().equals("Job")) {
            throw MotosException.invalid(where + " is declared a step (" + (helm ? HELM_HOOK : STEP) + ": "
                    + phasesText + ") but is a " + d.kind() + "; motospkg runs only Jobs as steps",
                    "Make it a Job, or remove the annotation to apply it as a plain object of the release.");
        }
        Set<StepPhase> phases = EnumSet.noneOf(StepPhase.class);
        for (String p : phasesText.split(",")) {
            String phase = p.strip();
            if (phase.isEmpty()) {
                continue;
            }
            phases.add(StepPhase.fromWire(phase).orElseThrow(() -> MotosException.invalid(where + ": "
                    + (helm ? HELM_HOOK : STEP) + " " + phase + " is not a phase motospkg runs"
                    + (helm && UNSUPPORTED_HELM.contains(phase) ? " (Helm's " + phase + " hooks are not supported)" : ""),
                    "Use pre-install, post-install, pre-upgrade, post-upgrade, pre-rollback or post-rollback; "
                            + "nothing was applied.")));
        }
        if (phases.isEmpty()) {
            throw MotosException.invalid(where + ": " + (helm ? HELM_HOOK : STEP) + " names no phase",
                    "Give one or more of pre-install, post-install, pre-upgrade, post-upgrade, pre-rollback, post-rollback.");
        }
        int weight = weight(where, a.get(helm ? HELM_WEIGHT : WEIGHT));
        List<String> after = helm ? List.of() : refs(where, AFTER, a.get(AFTER), present);
        List<String> waitsFor = helm ? List.of() : refs(where, WAITS_FOR, a.get(WAITS_FOR), present);
        StepCleanup cleanup = helm ? helmCleanup(where, a.get(HELM_DELETE_POLICY)) : a.get(CLEANUP) == null
                ? StepCleanup.KEEP_LAST : StepCleanup.fromWire(String.valueOf(a.get(CLEANUP)).strip())
                .orElseThrow(() -> MotosException.invalid(where + ": " + CLEANUP + " " + a.get(CLEANUP)
                        + " is not a cleanup policy", "Use keep-last, delete-on-success, delete-on-failure or"
                        + " delete-always."));
        StepWhen when = helm || a.get(WHEN) == null ? StepWhen.ALWAYS
                : StepWhen.fromWire(String.valueOf(a.get(WHEN)).strip()).orElseThrow(() -> MotosException.invalid(
                        where + ": " + WHEN + " " + a.get(WHEN) + " is not always, risky or restore",
                        "Use always (the default), risky or restore."));
        Object recordsText = helm ? null : a.get(RECORDS);
        StepRecords records = recordsText == null ? StepRecords.NOTHING
                : StepRecords.fromWire(String.valueOf(recordsText).strip()).orElseThrow(() -> MotosException.invalid(
                        where + ": " + RECORDS + " " + recordsText + " is not something motospkg records",
                        "Use backup or schema, or remove the annotation."));
        if (records == StepRecords.SCHEMA && !phases.equals(EnumSet.of(StepPhase.PRE_ROLLBACK))) {
            throw MotosException.invalid(where + ": a " + RECORDS + " schema step checks the database before a"
                    + " rollback, so its only phase is pre-rollback (it has " + phasesText + ")",
                    "Declare it `" + STEP + ": pre-rollback`.");
        }
        if (when == StepWhen.RESTORE && !phases.equals(EnumSet.of(StepPhase.PRE_ROLLBACK))) {
            throw MotosException.invalid(where + ": a restore step runs only in `rollback --restore-data`, before the"
                    + " rollback applies anything, so its only phase is pre-rollback (it has " + phasesText + ")",
                    "Declare it `" + STEP + ": pre-rollback`.");
        }
        List<String> stops = helm ? List.of() : refs(where, STOPS, a.get(STOPS), present);
        if (!stops.isEmpty() && when != StepWhen.RESTORE) {
            throw MotosException.invalid(where + ": " + STOPS + " is for restore steps (" + WHEN + ": restore)",
                    "Add `" + WHEN + ": restore`, or remove " + STOPS + ".");
        }
        return new Step(d, phases, weight, after, waitsFor, cleanup, helm, when, records, stops);
    }

    private static final Set<String> UNSUPPORTED_HELM = Set.of("pre-delete", "post-delete", "test", "test-success",
            "test-failure", "crd-install");

    /** "Deployment/postgres,Service/postgres": objects of this chart, checked. */
    private static List<String> refs(String where, String annotation, Object text, Set<String> present) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String ref : String.valueOf(text).split(",")) {
            String r = ref.strip();
            if (r.isEmpty()) {
                continue;
            }
            if (!present.contains(r)) {
                throw MotosException.invalid(where + ": " + annotation + " names " + r
                        + ", which is not an object of this chart (Kind/name, e.g. Deployment/postgres)",
                        "Name an object the chart renders, or remove it from " + annotation + ".");
            }
            out.add(r);
        }
        return out;
    }

    private static int weight(String where, Object text) {
        if (text == null) {
            return 0;
        }
        try {
            return Integer.parseInt(String.valueOf(text).strip());
        } catch (NumberFormatException e) {
            throw MotosException.invalid(where + ": step weight " + text + " is not a whole number",
                    "Write it as a quoted integer, e.g. \"-5\" or \"10\".");
        }
    }

    /** Helm's delete policies; before-hook-creation is what motospkg always does. */
    private static StepCleanup helmCleanup(String where, Object text) {
        Set<String> policies = new HashSet<>();
        if (text != null) {
            for (String p : String.valueOf(text).split(",")) {
                String policy = p.strip();
                if (!policy.isEmpty() && !Set.of("before-hook-creation", "hook-succeeded", "hook-failed").contains(policy)) {
                    throw MotosException.invalid(where + ": " + HELM_DELETE_POLICY + " " + policy + " is unknown",
                            "Use before-hook-creation, hook-succeeded or hook-failed.");
                }
                policies.add(policy);
            }
        }
        boolean succeeded = policies.contains("hook-succeeded");
        boolean failed = policies.contains("hook-failed");
        return succeeded && failed ? StepCleanup.DELETE_ALWAYS : succeeded ? StepCleanup.DELETE_ON_SUCCESS
                : failed ? StepCleanup.DELETE_ON_FAILURE : StepCleanup.KEEP_LAST;
    }

    private static Map<?, ?> annotations(DesiredObject d) {
        return Trees.at(d.body(), List.of("metadata", "annotations")) instanceof Map<?, ?> m ? m : Map.of();
    }
}
