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
}
