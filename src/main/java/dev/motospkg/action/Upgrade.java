package dev.motospkg.action;

import dev.motospkg.apply.ApplyPlan;
import dev.motospkg.release.Release;
import dev.motospkg.values.MergedValues;
import dev.motospkg.values.ValuesAssembler.Layer;
import dev.motospkg.values.ValuesRequest;
import java.nio.file.Path;

/**
 * {@code motospkg upgrade}: a new revision from the chart. By default it keeps the values of the
 * deployed revision and layers the new {@code -f}/{@code --set} on top; {@code resetValues} starts
 * again from the chart defaults.
 */
public final class Upgrade {

    public record Options(Path chart, ValuesRequest values, ReleaseTarget target, WaitOptions waitOptions,
            boolean install, boolean resetValues, boolean dryRun, int historyMax) {
    }

    private final ActionContext ctx;

    public Upgrade(ActionContext ctx) {
        this.ctx = ctx;
    }

    public Release run(Options options) {
        RenderPipeline pipeline = ctx.pipeline();
        LoadedChart loaded = pipeline.load(options.chart());
        // Name and namespace come from what the user gave now; the release's own values layer in below.
        MergedValues forTarget = pipeline.values(loaded, null, options.values());
        var ref = pipeline.context(loaded, forTarget, options.target(), 1, false);
        if (options.install() && new History(ref.namespace(), ref.name(),
                ctx.store().history(ref.namespace(), ref.name())).deployed().isEmpty()) {
            return new Install(ctx).run(new Install.Options(options.chart(), options.values(), options.target(),
                    options.waitOptions(), options.dryRun(), options.historyMax()));
        }
        if (options.dryRun()) {
            Release current = new History(ref.namespace(), ref.name(), ctx.store().history(ref.namespace(), ref.name()))
                    .deployed().orElse(null);
            MergedValues values = pipeline.values(loaded, previous(current, options), options.values());
            DryRun.print(ctx, pipeline.render(loaded, values, ref), "upgrade");
            return null;
        }
        return new ReleaseChange(ctx, options.historyMax()).run(ChangeKind.UPGRADE, ref.namespace(), ref.name(),
                options.waitOptions(), (history, current) -> {
                    MergedValues values = pipeline.values(loaded, previous(current, options), options.values());
                    Rendered rendered = pipeline.render(loaded, values,
                            pipeline.context(loaded, values, options.target(), history.nextRevision(), false));
                    return new ChangeTarget(loaded.chart().metadata(), values.userSupplied(), rendered.manifest(),
                            ApplyPlan.desired(rendered.objects(), rendered.release(), ctx.cluster()), "Upgrade complete");
                });
    }

    private static Layer previous(Release current, Options options) {
        if (current == null || options.resetValues()) {
            return null;
        }
        return new Layer("the values of revision " + current.revision(), current.values());
    }
}
