package dev.motospkg.action;

import dev.motospkg.apply.ApplyPlan;
import dev.motospkg.apply.DesiredObject;
import dev.motospkg.values.MergedValues;
import dev.motospkg.chart.ChartMetadata;
import java.util.List;
import java.util.Map;

/**
 * What a new revision will be: its chart, the user's values, the manifest text and the objects to apply;
 * {@code restartedAt} when {@code upgrade --restart} asked for new pods (see {@link Restarts});
 * {@code rollsBackTo} the earlier revision a rollback makes live again (null for install and upgrade).
 */
record ChangeTarget(
        ChartMetadata chart,
        Map<String, Object> userValues,
        String manifest,
        List<DesiredObject> objects,
        String description,
        java.time.Instant restartedAt,
        Integer rollsBackTo) {

    /** A target that asks for no restart of its own. */
    ChangeTarget(ChartMetadata chart, Map<String, Object> userValues, String manifest, List<DesiredObject> objects,
            String description) {
        this(chart, userValues, manifest, objects, description, null, null);
    }

    /** The same target with another description (what the revision's record says it was). */
    ChangeTarget describedAs(String newDescription) {
        return new ChangeTarget(chart, userValues, manifest, objects, newDescription, restartedAt, rollsBackTo);
    }

    /** The same target, restarting every workload's pods at {@code at} ({@code upgrade --restart}). */
    ChangeTarget restartingAt(java.time.Instant at) {
        return new ChangeTarget(chart, userValues, manifest, objects, description + " (pods restarted on purpose)", at,
                rollsBackTo);
    }

    /** A revision rendered from the chart: install and upgrade differ only in values and revision. */
    static ChangeTarget rendered(ActionContext ctx, LoadedChart loaded, MergedValues values, ReleaseTarget target,
            int revision, boolean isInstall, String description) {
        RenderPipeline pipeline = ctx.pipeline();
        Rendered rendered = pipeline.render(loaded, values, pipeline.context(loaded, values, target, revision, isInstall));
        return new ChangeTarget(loaded.chart().metadata(), values.userSupplied(), rendered.manifest(),
                ApplyPlan.desired(rendered.objects(), rendered.release(), ctx.cluster()), description);
    }
}
