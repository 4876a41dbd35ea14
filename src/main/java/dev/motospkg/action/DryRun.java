package dev.motospkg.action;

import dev.motospkg.resource.Redactor;
import dev.motospkg.yaml.YamlCodec;

/** {@code --dry-run}: show what would be applied, with Secret contents hidden; nothing is written. */
final class DryRun {
    private DryRun() {
    }

    static void print(ActionContext ctx, Rendered rendered, String verb) {
        ctx.out().println("Dry run: would " + verb + " release " + rendered.release().name() + " in namespace "
                + rendered.release().namespace() + " (" + rendered.objects().size() + " objects); nothing was changed.");
        ctx.out().print(new Redactor(new YamlCodec()).redactManifest(rendered.manifest()));
        ctx.out().flush();
    }
}
