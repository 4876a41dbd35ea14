package dev.motospkg.action;

import dev.motospkg.apply.ApplyPlan;
import dev.motospkg.release.Release;
import dev.motospkg.values.MergedValues;
import dev.motospkg.values.ValuesRequest;
import java.nio.file.Path;

/** {@code motospkg install}: the first revision of a release. */
public final class Install {

    public record Options(Path chart, ValuesRequest values, ReleaseTarget target, WaitOptions waitOptions, boolean dryRun,
            int historyMax) {
    }

    private final ActionContext ctx;

    public Install(ActionContext ctx) {
        this.ctx = ctx;
    }

    public Release run(Options options) {
        RenderPipeline pipeline = ctx.pipeline();
        LoadedChart loaded = pipeline.load(options.chart());
        MergedValues values = pipeline.values(loaded, null, options.values());
        var ref = pipeline.context(loaded, values, options.target(), 1, true);
        if (options.dryRun()) {
            Rendered rendered = pipeline.render(loaded, values, ref);
            DryRun.print(ctx, rendered, "install");
            return null;
        }
        return new ReleaseChange(ctx, options.historyMax()).run(ChangeKind.INSTALL, ref.namespace(), ref.name(),
                options.waitOptions(), (history, current) -> {
                    Rendered rendered = pipeline.render(loaded, values,
                            pipeline.context(loaded, values, options.target(), history.nextRevision(), true));
                    return new ChangeTarget(loaded.chart().metadata(), values.userSupplied(), rendered.manifest(),
                            ApplyPlan.desired(rendered.objects(), rendered.release(), ctx.cluster()), "Install complete");
                });
    }
}
