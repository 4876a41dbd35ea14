package dev.motospkg.action;

import dev.motospkg.apply.Step;
import dev.motospkg.apply.StepPhase;
import java.io.PrintWriter;
import java.util.List;

/** The steps a command would run, as {@code diff} and {@code --dry-run} list them. */
final class StepList {
    private StepList() {
    }

    static void print(PrintWriter out, List<Step> steps, String verb) {
        StepPhase pre = StepPhase.of(verb, true);
        StepPhase post = StepPhase.of(verb, false);
        List<Step> before = steps.stream().filter(s -> s.runsIn(pre)).toList();
        List<Step> after = steps.stream().filter(s -> s.runsIn(post)).toList();
        if (before.isEmpty() && after.isEmpty()) {
            return;
        }
        out.println("Steps this " + verb + " would run (each Job deleted and created again, then waited for; "
                + "a failure stops the " + verb + " there):");
        before.forEach(s -> out.println("  " + s.describe(pre) + ": before the other objects"));
        after.forEach(s -> out.println("  " + s.describe(post) + ": after all objects are ready"));
    }

    /** The same steps for {@code diff -o json}: name, phase, weight, when it runs, what it waits for. */
    static List<java.util.Map<String, Object>> rows(List<Step> steps, String verb) {
        List<java.util.Map<String, Object>> out = new java.util.ArrayList<>();
        for (StepPhase phase : List.of(StepPhase.of(verb, true), StepPhase.of(verb, false))) {
            for (Step s : steps.stream().filter(x -> x.runsIn(phase)).toList()) {
                java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("name", s.name());
                row.put("kind", "Job");
                row.put("phase", phase.wire());
                row.put("weight", s.weight());
                row.put("when", s.when().wire());
                row.put("after", s.after());
                row.put("waitsFor", s.waitsFor());
                out.add(row);
            }
        }
        return out;
    }
}
