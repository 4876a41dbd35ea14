package dev.motospkg.action;

import dev.motospkg.error.MotosException;
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
            // Chart.yaml and the defaults suffice; no schema or template engine is loaded for this.
            var loaded = pipeline.chartOnly(chart);
            return new ReleaseRef(target.name() != null ? target.name() : loaded.metadata().name(),
                    target.namespace() != null ? target.namespace() : RenderPipeline.defaultNamespace(loaded));
        } catch (MotosException e) {
            if (target.name() == null) {
                throw MotosException.invalid("no release name given and no chart here to take it from",
                        "Name the release (e.g. `motospkg history motos -n motos-app`) or run from the repository root.");
            }
            return new ReleaseRef(target.name(), "default");
        }
    }
}
