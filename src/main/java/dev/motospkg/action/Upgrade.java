package dev.motospkg.action;

import dev.motospkg.release.Release;
import dev.motospkg.values.ValuesAssembler.Layer;
import dev.motospkg.values.ValuesRequest;
import java.nio.file.Path;

/**
 * {@code motospkg upgrade}: a new revision from the chart. By default it keeps the values of the
 * deployed revision and layers the new {@code -f}/{@code --set} on top; {@code resetValues} starts
 * again from the chart defaults.
 */
public final class Upgrade {

    /** {@code data}: whether the chart's backup steps run before a risky change ({@code --no-backup}). */
    public record Options(Path chart, ValuesRequest values, ReleaseTarget target, WaitOptions waitOptions,
            boolean install, boolean resetValues, boolean dryRun, int historyMax, Takeover takeover, boolean restart,
            DataOptions data) {

        public Options(Path chart, ValuesRequest values, ReleaseTarget target, WaitOptions waitOptions, boolean install,
                boolean resetValues, boolean dryRun, int historyMax, Takeover takeover) {
            this(chart, values, target, waitOptions, install, resetValues, dryRun, historyMax, takeover, false,
                    DataOptions.defaults());
        }

        Install.Options asInstall() {
            return new Install.Options(chart, values, target, waitOptions, dryRun, historyMax, takeover);
        }
    }

    private final ActionContext ctx;

    public Upgrade(ActionContext ctx) {
        this.ctx = ctx;
    }

    public Release run(Options options) {
        ctx.cluster().readIdentityAhead(); // set-up and handshake overlap loading the chart
        ChangeRequest request = request(options);
        ReleaseChange change = new ReleaseChange(ctx, options.historyMax());
        if (options.install() && change.history(request.release()).deployed().isEmpty()) {
            return new Install(ctx).run(options.asInstall());
        }
        if (options.dryRun()) {
            DryRun.print(ctx, request, "upgrade");
            return null;
        }
        return change.run(request, options.waitOptions());
    }

    ChangeRequest request(Options options) {
        RenderPipeline pipeline = ctx.pipeline();
        LoadedChart loaded = pipeline.load(options.chart());
        // Name and namespace come from what the user gave now; values are validated once, below, with the
        // release's own values layered in (validating without them refused what the release had changed).
        ReleaseRef ref = pipeline.releaseRef(loaded, options.target(), options.values());
        return new ChangeRequest(ReleaseOperation.UPGRADE, ref, options.takeover(),
                (history, current) -> {
                    ChangeTarget t = ChangeTarget.rendered(ctx, loaded,
                            pipeline.values(loaded, previous(current, options), options.values()), options.target(),
                            history.nextRevision(), false, "Upgrade complete");
                    return options.restart() ? t.restartingAt(ctx.clock().instant()) : t;
                }, options.data());
    }

    private static Layer previous(Release current, Options options) {
        if (current == null || options.resetValues()) {
            return null;
        }
        return new Layer("the values of revision " + current.revision(), current.values());
    }
}
