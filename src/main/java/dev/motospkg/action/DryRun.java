package dev.motospkg.action;

import dev.motospkg.apply.Steps;
import dev.motospkg.resource.Redactor;
import dev.motospkg.yaml.YamlCodec;

/** {@code --dry-run}: show what would be applied, with Secret contents hidden; nothing is written. */
final class DryRun {
    private DryRun() {
    }

    /** Builds the request's revision against the stored history (reads only) and prints it. */
    static void print(ActionContext ctx, ChangeRequest request, String verb) {
        ReleaseRef ref = request.release();
        History history = new History(ref.namespace(), ref.name(), ctx.store().history(ref.namespace(), ref.name()));
        ChangeTarget next = request.target().apply(history, history.deployed().orElse(null));
        Steps.Split split = Steps.split(next.objects());
        long steps = split.steps().stream().filter(s -> s.runsIn(dev.motospkg.apply.StepPhase.of(verb, true))
                || s.runsIn(dev.motospkg.apply.StepPhase.of(verb, false))).count();
        ctx.out().println("Dry run: would " + verb + " release " + ref.name() + " in namespace " + ref.namespace()
                + " (" + split.objects().size() + " objects"
                + (steps == 0 ? "" : ", " + steps + (steps == 1 ? " step" : " steps")) + "); nothing was changed. `motospkg diff " + verb
                + "` compares with the cluster.");
        StepList.print(ctx.out(), split.steps(), verb);
        printManifest(ctx, next.manifest());
    }

    private static void printManifest(ActionContext ctx, String manifest) {
        ctx.out().print(new Redactor(new YamlCodec()).redactManifest(manifest));
        ctx.out().flush();
    }
}
