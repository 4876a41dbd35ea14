package dev.motospkg.action;

import dev.motospkg.apply.ApplyPlan;
import dev.motospkg.apply.DesiredObject;
import dev.motospkg.values.MergedValues;
import dev.motospkg.chart.ChartMetadata;
import java.util.List;
import java.util.Map;

/** What a new revision will be: its chart, the user's values, the manifest text and the objects to apply. */
record ChangeTarget(
        ChartMetadata chart,
        Map<String, Object> userValues,
        String manifest,
        List<DesiredObject> objects,
        String description) {

    /** A revision rendered from the chart: install and upgrade differ only in values and revision. */
    static ChangeTarget rendered(ActionContext ctx, LoadedChart loaded, MergedValues values, ReleaseTarget target,
            int revision, boolean isInstall, String description) {
        RenderPipeline pipeline = ctx.pipeline();
        Rendered rendered = pipeline.render(loaded, values, pipeline.context(loaded, values, target, revision, isInstall));
        return new ChangeTarget(loaded.chart().metadata(), values.userSupplied(), rendered.manifest(),
                ApplyPlan.desired(rendered.objects(), rendered.release(), ctx.cluster()), description);
    }
}
