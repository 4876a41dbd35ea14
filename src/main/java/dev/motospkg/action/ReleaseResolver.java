package dev.motospkg.action;

import dev.motospkg.error.MotosException;
import dev.motospkg.values.MergedValues;
import dev.motospkg.values.ValuesRequest;
import java.nio.file.Path;

/**
 * Commands that do not render (rollback, history, status, ...) still default like install does:
 * the release name is the chart's name and the namespace the chart's {@code namespace} value, read
 * from the chart in the working directory when there is one.
 */
public final class ReleaseResolver {
    private final RenderPipeline pipeline;

    public ReleaseResolver(RenderPipeline pipeline) {
        this.pipeline = pipeline;
    }

    public ReleaseRef resolve(ReleaseTarget target, Path chart) {
        if (target.name() != null && target.namespace() != null) {
            return new ReleaseRef(target.name(), target.namespace());
        }
        try {
            LoadedChart loaded = pipeline.load(chart);
            MergedValues values = pipeline.values(loaded, null, ValuesRequest.none());
            var ctx = pipeline.context(loaded, values, target, 1, true);
            return new ReleaseRef(ctx.name(), ctx.namespace());
        } catch (MotosException e) {
            if (target.name() == null) {
                throw MotosException.invalid("no release name given and no chart here to take it from",
                        "Name the release (e.g. `motospkg history motos -n motos-app`) or run from the repository root.");
            }
            return new ReleaseRef(target.name(), "default");
        }
    }
}
