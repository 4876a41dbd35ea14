package dev.motospkg.action;

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
        printManifest(ctx, next.manifest(), ref, next.objects().size(), verb);
    }

    private static void printManifest(ActionContext ctx, String manifest, ReleaseRef ref, int objects, String verb) {
        ctx.out().println("Dry run: would " + verb + " release " + ref.name() + " in namespace " + ref.namespace()
                + " (" + objects + " objects); nothing was changed. `motospkg diff " + verb
                + "` compares with the cluster.");
        ctx.out().print(new Redactor(new YamlCodec()).redactManifest(manifest));
        ctx.out().flush();
    }
}
