package dev.motospkg.action;

import dev.motospkg.resource.Redactor;
import dev.motospkg.yaml.YamlCodec;

/** {@code --dry-run}: show what would be applied, with Secret contents hidden; nothing is written. */
final class DryRun {
    private DryRun() {
    }

    static void print(ActionContext ctx, Rendered rendered, String verb) {
        printManifest(ctx, rendered.manifest(), new ReleaseRef(rendered.release().name(), rendered.release().namespace()),
                rendered.objects().size(), verb);
    }

    static void printManifest(ActionContext ctx, String manifest, ReleaseRef ref, int objects, String verb) {
        ctx.out().println("Dry run: would " + verb + " release " + ref.name() + " in namespace " + ref.namespace()
                + " (" + objects + " objects); nothing was changed. `motospkg diff " + verb
                + "` compares with the cluster.");
        ctx.out().print(new Redactor(new YamlCodec()).redactManifest(manifest));
        ctx.out().flush();
    }
}
