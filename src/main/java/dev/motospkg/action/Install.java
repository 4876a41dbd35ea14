package dev.motospkg.action;

import dev.motospkg.release.Release;
import dev.motospkg.values.MergedValues;
import dev.motospkg.values.ValuesRequest;
import java.nio.file.Path;

/** {@code motospkg install}: the first revision of a release. */
public final class Install {

    /** {@code takeover}: --adopt and --force. */
    public record Options(Path chart, ValuesRequest values, ReleaseTarget target, WaitOptions waitOptions,
            boolean dryRun, int historyMax, Takeover takeover) {
    }

    private final ActionContext ctx;

    public Install(ActionContext ctx) {
        this.ctx = ctx;
    }

    public Release run(Options options) {
        ctx.cluster().readIdentityAhead(); // set-up and handshake overlap loading the chart
        ChangeRequest request = request(options);
        if (options.dryRun()) {
            DryRun.print(ctx, request, "install");
            return null;
        }
        return new ReleaseChange(ctx, options.historyMax()).run(request, options.waitOptions());
    }

    ChangeRequest request(Options options) {
        RenderPipeline pipeline = ctx.pipeline();
        LoadedChart loaded = pipeline.load(options.chart());
        MergedValues values = pipeline.values(loaded, null, options.values());
        var ref = pipeline.context(loaded, values, options.target(), 1, true);
        return new ChangeRequest(ReleaseOperation.INSTALL, new ReleaseRef(ref.name(), ref.namespace()), options.takeover(),
                (history, current) -> ChangeTarget.rendered(ctx, loaded, values, options.target(),
                        history.nextRevision(), true, "Install complete"));
    }
}
